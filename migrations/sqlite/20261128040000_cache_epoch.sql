-- Bumped by operator commands that change links behind a running server's back
-- (shortener links delete/restore, import): servers poll it each second and drop
-- their cached targets when it moves.
create table cache_epoch (
    id     integer primary key check (id = 1),
    epoch  integer not null
);
insert into cache_epoch (id, epoch) values (1, 0);
