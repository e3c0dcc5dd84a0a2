#!/usr/bin/env python3
"""Fills a migrated Flarekit database with benchmark data.

usage: seed.py DATABASE BLOB_DIR USERS STORAGE_RECORDS IDS_FILE

Users get distinct emails (user<i>@bench.test) and creation times one second apart.
Storage records get real blobs of 1 KB to 1 MB (log-uniform), PNG-signed, stored under
their SHA-256 as the filesystem blob store lays them out; the record with id
'bench-100k' has a 100 KB blob.
"""
import hashlib
import math
import os
import random
import sqlite3
import sys
import uuid
from datetime import datetime, timedelta, timezone

database, blob_dir, users, records, ids_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(42)
names = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Ken", "Dennis", "Anna", "Linus", "Margaret", "John"]
start = datetime(2024, 1, 1, tzinfo=timezone.utc)

def stamp(i):
    return (start + timedelta(seconds=i, milliseconds=i % 1000)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]

connection = sqlite3.connect(database)
connection.execute("pragma journal_mode = wal")
ids = []
with connection:
    batch = []
    for i in range(users):
        user_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        ids.append(user_id)
        batch.append((user_id, f"{rng.choice(names)} {rng.choice(names)}son {i}", f"user{i}@bench.test", stamp(i), stamp(i)))
        if len(batch) == 10000:
            connection.executemany("insert into users (id, name, email, created_at, updated_at) values (?, ?, ?, ?, ?)", batch)
            batch = []
    if batch:
        connection.executemany("insert into users (id, name, email, created_at, updated_at) values (?, ?, ?, ?, ?)", batch)

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
with connection:
    for i in range(records):
        size = 100 * 1024 if i == 0 else int(math.exp(rng.uniform(math.log(1024), math.log(1024 * 1024))))
        content = signature + rng.randbytes(size - len(signature))
        digest = store(content)
        record_id = "bench-100k" if i == 0 else str(uuid.UUID(int=rng.getrandbits(128), version=4))
        connection.execute(
            "insert into storage (id, key, original_name, size, mime_type, hash, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
            (record_id, f"{digest[:16]}-file{i}.png", f"file{i}.png", size, "image/png", digest, stamp(i), stamp(i)))
connection.close()
with open(ids_file, "w") as out:
    out.write("\n".join(ids))
print(f"seeded {users} users and {records} storage records")
