-- Generated from the entity classes by
--   ./mvnw compile exec:java@generate-migration -Dname=create_users
-- Do not edit: change the entities and generate again.

-- create table users
create table "users" (
    "id" text not null primary key,
    "created_at" text not null default (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    "updated_at" text,
    "deleted_at" text,
    "email" text not null,
    "name" text not null
);
create index "idx_users_created_at" on "users" ("created_at");
create unique index "ux_users_email" on "users" (lower(email)) where deleted_at is null;
