-- Generated from the entity classes by
--   ./mvnw compile exec:java@generate-migration -Dname=storage_owners
-- Do not edit: change the entities and generate again.

-- add column storage.owner_id
alter table "storage" add column "owner_id" text;

-- drop index idx_r2_storage_key
drop index "idx_r2_storage_key";

-- create index ux_storage_key_anonymous
create unique index "ux_storage_key_anonymous" on "storage" ("key") where owner_id is null;

-- create index ux_storage_owner_key
create unique index "ux_storage_owner_key" on "storage" ("owner_id", "key") where owner_id is not null;
