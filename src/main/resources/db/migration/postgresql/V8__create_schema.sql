-- Generated from the entity classes by
--   ./mvnw test-compile exec:java@generate-migration -Dname=create_schema
-- Do not edit: change the entities and generate again.

-- create table api_keys
create table "api_keys" (
    "id" text not null primary key,
    "created_at" text not null default (to_char((now() at time zone 'utc'::text), 'YYYY-MM-DD HH24:MI:SS.MS'::text)),
    "updated_at" text,
    "version" bigint not null default (0),
    "deleted_at" text,
    "expires_at" text,
    "key_hash" text not null,
    "last_used_at" text,
    "name" text not null,
    "roles" text not null
);
create index "idx_api_keys_created_at" on "api_keys" ("created_at", "id");
create unique index "ux_api_keys_key_hash" on "api_keys" ("key_hash");

-- create table storage
create table "storage" (
    "id" text not null primary key,
    "created_at" text not null default (to_char((now() at time zone 'utc'::text), 'YYYY-MM-DD HH24:MI:SS.MS'::text)),
    "updated_at" text,
    "version" bigint not null default (0),
    "deleted_at" text,
    "hash" text not null,
    "key" text not null,
    "mime_type" text not null,
    "original_name" text not null,
    "owner_id" text,
    "size" bigint not null
);
create index "idx_storage_created_at" on "storage" ("created_at", "id");
create index "idx_storage_hash" on "storage" ("hash");
create unique index "ux_storage_key_anonymous" on "storage" ("key") where owner_id is null;
create unique index "ux_storage_owner_key" on "storage" ("owner_id", "key") where owner_id is not null;

-- create table storage_info
create table "storage_info" (
    "id" text not null primary key,
    "created_at" text default (to_char((now() at time zone 'utc'::text), 'YYYY-MM-DD HH24:MI:SS.MS'::text)),
    "description" text not null,
    "storage_id" text not null,
    "version" bigint not null default (0),
    foreign key ("storage_id") references "storage" ("id")
);
create index "idx_storage_info_storage_id" on "storage_info" ("storage_id");

-- create table users
create table "users" (
    "id" text not null primary key,
    "created_at" text not null default (to_char((now() at time zone 'utc'::text), 'YYYY-MM-DD HH24:MI:SS.MS'::text)),
    "updated_at" text,
    "version" bigint not null default (0),
    "deleted_at" text,
    "email" text not null,
    "name" text not null
);
create index "idx_users_created_at" on "users" ("created_at", "id");
create index "idx_users_email" on "users" ("email");
create index "idx_users_live_created_at" on "users" ("created_at", "id") where deleted_at is null;
create unique index "ux_users_email" on "users" (lower(email)) where deleted_at is null;
