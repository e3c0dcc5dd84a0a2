-- Generated from the entity classes by
--   ./mvnw compile exec:java@generate-migration -Dname=create_api_keys
-- Do not edit: change the entities and generate again.

-- create table api_keys
create table "api_keys" (
    "id" text not null primary key,
    "created_at" text not null default (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    "updated_at" text,
    "version" integer not null default (0),
    "deleted_at" text,
    "expires_at" text,
    "key_hash" text not null,
    "last_used_at" text,
    "name" text not null,
    "roles" text not null
);
create index "idx_api_keys_created_at" on "api_keys" ("created_at", "id");
create unique index "ux_api_keys_key_hash" on "api_keys" ("key_hash");
