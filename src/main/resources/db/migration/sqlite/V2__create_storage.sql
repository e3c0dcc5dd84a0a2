-- Generated from the entity classes by
--   ./mvnw compile exec:java@generate-migration -Dname=create_storage
-- Do not edit: change the entities and generate again.

-- create table storage
create table "storage" (
    "id" text not null primary key,
    "created_at" text not null default (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    "updated_at" text,
    "deleted_at" text,
    "hash" text not null,
    "key" text not null,
    "mime_type" text not null,
    "original_name" text not null,
    "size" integer not null
);
create unique index "idx_r2_storage_key" on "storage" ("key");
create index "idx_storage_hash" on "storage" ("hash");

-- create table storage_info
create table "storage_info" (
    "id" text not null primary key,
    "created_at" text default (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    "description" text not null,
    "storage_id" text not null,
    foreign key ("storage_id") references "storage" ("id")
);
create index "idx_storage_info_storage_id" on "storage_info" ("storage_id");
