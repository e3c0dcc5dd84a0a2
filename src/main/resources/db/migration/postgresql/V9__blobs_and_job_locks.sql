-- Generated from the entity classes by
--   ./mvnw test-compile exec:java@generate-migration -Dname=blobs_and_job_locks
-- Do not edit: change the entities and generate again.

-- create table blobs
create table "blobs" (
    "hash" text not null primary key,
    "claimed_at" text not null default (to_char((now() at time zone 'utc'::text), 'YYYY-MM-DD HH24:MI:SS.MS'::text)),
    "created_at" text not null default (to_char((now() at time zone 'utc'::text), 'YYYY-MM-DD HH24:MI:SS.MS'::text)),
    "size" bigint not null
);

-- create table shedlock
create table "shedlock" (
    "name" text not null primary key,
    "lock_until" timestamp(6) without time zone not null,
    "locked_at" timestamp(6) without time zone not null,
    "locked_by" text not null
);
