#!/usr/bin/env python3
"""Fills a migrated Flarekit database with benchmark data.

usage: seed.py DATABASE BLOB_DIR USERS STORAGE_RECORDS IDS_FILE

DATABASE is a SQLite file, or a PostgreSQL URL (postgresql://user@host:port/name), which is
filled through psql's COPY (no Python driver needed).

Users get distinct emails (user<i>@bench.test) and creation times one second apart.
Storage records get real blobs of 1 KB to 1 MB (log-uniform), PNG-signed, stored under
their SHA-256 as the filesystem blob store lays them out; the record with id
'bench-100k' has a 100 KB blob.
"""
import csv
import hashlib
import math
import os
import random
import sqlite3
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone

database, blob_dir, users, records, ids_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(42)
names = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Ken", "Dennis", "Anna", "Linus", "Margaret", "John"]
start = datetime(2024, 1, 1, tzinfo=timezone.utc)

def stamp(i):
    return (start + timedelta(seconds=i, milliseconds=i % 1000)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]

USER_COLUMNS = ["id", "name", "email", "created_at", "updated_at"]
STORAGE_COLUMNS = ["id", "key", "original_name", "size", "mime_type", "hash", "created_at", "updated_at"]


class SqliteRows:
    def __init__(self, path):
        self.connection = sqlite3.connect(path)
        self.connection.execute("pragma journal_mode = wal")

    def insert(self, table, columns, rows):
        marks = ", ".join("?" for _ in columns)
        with self.connection:
            self.connection.executemany(f"insert into {table} ({', '.join(columns)}) values ({marks})", rows)

    def close(self):
        self.connection.close()


class PostgresRows:
    def __init__(self, url):
        self.url = url

    def insert(self, table, columns, rows):
        copy = f"\\copy {table} ({', '.join(columns)}) from stdin with (format csv)"
        process = subprocess.Popen(["psql", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-c", copy],
                                   stdin=subprocess.PIPE, text=True)
        writer = csv.writer(process.stdin)
        for row in rows:
            writer.writerow(row)
        process.stdin.close()
        if process.wait() != 0:
            sys.exit(f"psql could not fill {table}")

    def close(self):
        # the planner's statistics, as autovacuum would gather them later
        subprocess.run(["psql", "-q", self.url, "-c", "analyze"], check=True)


target = PostgresRows(database) if database.startswith("postgresql://") else SqliteRows(database)
ids = []


def user_rows():
    for i in range(users):
        user_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        ids.append(user_id)
        yield (user_id, f"{rng.choice(names)} {rng.choice(names)}son {i}", f"user{i}@bench.test", stamp(i), stamp(i))


target.insert("users", USER_COLUMNS, user_rows())

def store(content):
    digest = hashlib.sha256(content).hexdigest()
    folder = os.path.join(blob_dir, digest[:2], digest[2:4])
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, digest)
    if not os.path.exists(path):
        with open(path, "wb") as out:
            out.write(content)
    return digest

signature = b"\x89PNG\r\n\x1a\n"


def storage_rows():
    for i in range(records):
        size = 100 * 1024 if i == 0 else int(math.exp(rng.uniform(math.log(1024), math.log(1024 * 1024))))
        content = signature + rng.randbytes(size - len(signature))
        digest = store(content)
        record_id = "bench-100k" if i == 0 else str(uuid.UUID(int=rng.getrandbits(128), version=4))
        yield (record_id, f"{digest[:16]}-file{i}.png", f"file{i}.png", size, "image/png", digest, stamp(i), stamp(i))


target.insert("storage", STORAGE_COLUMNS, storage_rows())
target.close()
with open(ids_file, "w") as out:
    out.write("\n".join(ids))
print(f"seeded {users} users and {records} storage records")
