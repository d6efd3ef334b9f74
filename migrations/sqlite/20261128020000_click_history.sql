-- What owners see of their clicks: totals per UTC day, per referring host and per
-- client class, and the time of the last click. Visitors' addresses, full referrer
-- URLs and user agents are never stored.
alter table link add column last_clicked_at text;

create table click_day (
    link_id  integer not null references link (id),
    day      text    not null check (length(day) = 10),
    clicks   integer not null check (clicks > 0),
    primary key (link_id, day)
) without rowid;

create table click_source (
    link_id  integer not null references link (id),
    kind     text    not null check (kind in ('referrer', 'client')),
    name     text    not null,
    clicks   integer not null check (clicks > 0),
    primary key (link_id, kind, name)
) without rowid;
