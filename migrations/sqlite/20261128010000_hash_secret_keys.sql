-- Secret keys are no longer stored: only their SHA-256 (secret_hash), so a copy of
-- the database opens no admin page. SQLite has no SHA-256 function, so rows from
-- before this migration keep secret_key until the app hashes them at start
-- (db::hash_legacy_secrets) and clears it; new rows never have one.
create table link_new (
    id           integer primary key,
    key          text    not null unique,
    secret_hash  blob    unique check (secret_hash is null or length(secret_hash) = 32),
    secret_key   text    unique,
    target_url   text    not null,
    is_active    integer not null default 1 check (is_active in (0, 1)),
    clicks       integer not null default 0 check (clicks >= 0),
    created_at   text    not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    check (secret_hash is not null or secret_key is not null)
);

insert into link_new (id, key, secret_key, target_url, is_active, clicks, created_at)
select id, key, secret_key, target_url, is_active, clicks, created_at from link;

drop table link;
alter table link_new rename to link;

create table heartbeat (
    id          integer primary key check (id = 1),
    checked_at  text    not null
);
