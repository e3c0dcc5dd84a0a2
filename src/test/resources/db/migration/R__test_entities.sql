-- Tables of the test entities (src/test/java/io/flarekit/core/testentities).
drop table if exists test_articles;
create table test_articles (
    id text not null primary key,
    short_id text not null unique,
    title text not null,
    slug text not null unique,
    status text,
    views integer,
    created_at text not null,
    updated_at text,
    deleted_at text
);

drop table if exists test_tags;
create table test_tags (
    id text not null primary key,
    name text not null,
    created_at text
);
