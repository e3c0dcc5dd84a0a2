-- The test entities' tables (src/test/java/io/flarekit/core/testentities), as the
-- migration generator writes them; ProjectMigrationsTest fails when they drift apart.
-- create table test_articles
create table "test_articles" (
    "id" text not null primary key,
    "created_at" text not null default (to_char((now() at time zone 'utc'::text), 'YYYY-MM-DD HH24:MI:SS.MS'::text)),
    "updated_at" text,
    "version" bigint not null default (0),
    "deleted_at" text,
    "short_id" text not null,
    "slug" text not null,
    "status" text,
    "title" text not null,
    "views" integer
);
create unique index "ux_test_articles_short_id" on "test_articles" ("short_id");
create unique index "ux_test_articles_slug" on "test_articles" ("slug");

-- create table test_notes
create table "test_notes" (
    "id" text not null primary key,
    "created_at" text not null default (to_char((now() at time zone 'utc'::text), 'YYYY-MM-DD HH24:MI:SS.MS'::text)),
    "updated_at" text,
    "version" bigint not null default (0),
    "rating" integer,
    "secret" text,
    "title" text not null
);

-- create table test_tags
create table "test_tags" (
    "id" text not null primary key,
    "created_at" text,
    "name" text not null,
    "version" bigint not null default (0)
);
