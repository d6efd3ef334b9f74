-- One row per short link. Deleting a link only clears is_active, so its key
-- stays taken forever and can never be handed out again.
create table link (
    id          integer primary key,
    key         text    not null unique,
    secret_key  text    not null unique,
    target_url  text    not null,
    is_active   integer not null default 1 check (is_active in (0, 1)),
    clicks      integer not null default 0 check (clicks >= 0),
    created_at  text    not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
