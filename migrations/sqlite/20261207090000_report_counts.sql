-- Open reports counted per link and reason: what the moderation list ranks and
-- shows, however many arrive. A link keeps at most 20 open report rows (the newest,
-- with their texts); a report past that removes the oldest open row, and only this
-- count remembers it. Cleared when the operator disables the link or dismisses its
-- reports, as the rows' open flag is.
create table report_count (
    link_id  integer not null references link (id),
    reason   text    not null check (reason in ('phishing', 'malware', 'spam', 'illegal', 'other')),
    reports  integer not null check (reports > 0),
    last_at  text    not null,
    primary key (link_id, reason)
) without rowid;

insert into report_count (link_id, reason, reports, last_at)
    select link_id, reason, count(*), max(created_at) from report where open
    group by link_id, reason;

delete from report where id in (
    select id from (
        select id, row_number() over (partition by link_id order by id desc) as newer
        from report where open
    ) as ranked where newer > 20
);

-- A link's reports, newest first, without reading any other link's.
create index report_link on report (link_id, id);
