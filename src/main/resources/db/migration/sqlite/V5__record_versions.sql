-- Generated from the entity classes by
--   ./mvnw compile exec:java@generate-migration -Dname=record_versions
-- Do not edit: change the entities and generate again.

-- add column storage.version
alter table "storage" add column "version" integer not null default 0;

-- add column storage_info.version
alter table "storage_info" add column "version" integer not null default 0;

-- add column users.version
alter table "users" add column "version" integer not null default 0;
