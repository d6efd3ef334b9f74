-- Smart links. smart: the rules and the split, as JSON (null: none). expired_url:
-- where an expired or used-up link sends visitors instead of its 410 page.
-- humans_only: known link scanners get a page with a Continue button, not counted.
alter table link add column smart text;
alter table link add column expired_url text;
alter table link add column humans_only boolean not null default false;

-- Clicks per UTC day by what decided them ("rule 2", "variant 1"), written with
-- the other click counts.
create table click_choice_day (
    link_id  bigint not null references link (id),
    choice   text   not null check (char_length(choice) between 1 and 20),
    day      text   not null check (length(day) = 10),
    clicks   bigint not null check (clicks > 0),
    primary key (link_id, choice, day)
);
