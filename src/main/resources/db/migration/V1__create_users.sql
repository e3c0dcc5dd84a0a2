-- Written by hand until the migration generator exists; it will regenerate this file.
create table users (
    id text not null primary key,
    name text not null,
    email text not null,
    created_at text not null default (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at text,
    deleted_at text
);

create index idx_users_created_at on users (created_at);

create unique index ux_users_email on users (lower(email)) where deleted_at is null;
