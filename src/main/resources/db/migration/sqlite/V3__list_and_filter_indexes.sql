-- Generated from the entity classes by
--   ./mvnw compile exec:java@generate-migration -Dname=list_and_filter_indexes
-- Do not edit: change the entities and generate again.

-- create index idx_storage_created_at
create index "idx_storage_created_at" on "storage" ("created_at", "id");

-- drop index idx_users_created_at
drop index "idx_users_created_at";

-- create index idx_users_created_at
create index "idx_users_created_at" on "users" ("created_at", "id");

-- create index idx_users_email
create index "idx_users_email" on "users" ("email");
