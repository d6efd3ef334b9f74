-- The same schema as migrations/sqlite/ reaches after all its steps, in
-- PostgreSQL's types: one row per short link (deleting only clears is_active, so a
-- key is never handed out again), the click history, and the two one-row tables.
-- Times are UTC RFC 3339 text in both databases, so both compare and sort them alike.
create table link (
    id               bigint  generated always as identity primary key,
    key              text    not null unique,
    secret_hash      bytea   not null unique check (octet_length(secret_hash) = 32),
    target_url       text    not null,
    is_active        boolean not null default true,
    clicks           bigint  not null default 0 check (clicks >= 0),
    created_at       text    not null
                     default to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    last_clicked_at  text,
    expires_at       text,
    max_clicks       bigint  check (max_clicks is null or max_clicks > 0),
    password_hash    text
);

create table click_day (
    link_id  bigint not null references link (id),
    day      text   not null check (length(day) = 10),
    clicks   bigint not null check (clicks > 0),
    primary key (link_id, day)
);

create table click_source (
    link_id  bigint not null references link (id),
    kind     text   not null check (kind in ('referrer', 'client')),
    name     text   not null,
    clicks   bigint not null check (clicks > 0),
    primary key (link_id, kind, name)
);

create table heartbeat (
    id          bigint primary key check (id = 1),
    checked_at  text   not null
);

create table cache_epoch (
    id     bigint primary key check (id = 1),
    epoch  bigint not null
);
insert into cache_epoch (id, epoch) values (1, 0);
