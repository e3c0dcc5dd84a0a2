-- Generated from the entity classes by
--   ./mvnw compile exec:java@generate-migration -Dname=live_users_order_index
-- Do not edit: change the entities and generate again.

-- create index idx_users_live_created_at
create index "idx_users_live_created_at" on "users" ("created_at", "id") where deleted_at is null;
