-- Generated from the entity classes by
--   ./mvnw test-compile exec:java@generate-migration -Dname=blobs_and_job_locks
-- Do not edit: change the entities and generate again.

-- create table blobs
create table "blobs" (
    "hash" text not null primary key,
    "claimed_at" text not null default (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    "created_at" text not null default (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    "size" integer not null
);

-- create table shedlock
create table "shedlock" (
    "name" text not null primary key,
    "lock_until" numeric not null,
    "locked_at" numeric not null,
    "locked_by" text not null
);
