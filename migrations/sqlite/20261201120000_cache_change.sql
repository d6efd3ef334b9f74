-- Which cached targets running servers must forget: one row per owner change or
-- operator command, with the link's key (null: forget every link). Each server reads
-- the rows after the last one it saw, every 200 ms, and drops just those keys, so
-- one owner's edit no longer empties every server's whole cache. Writers move
-- cache_epoch in the same transaction first, which makes them take turns: ids then
-- become visible in order. Only the newest 1,000 rows are kept; a server that finds
-- the last row it saw pruned forgets everything instead. AUTOINCREMENT: ids are
-- never reused, even after pruning.
create table cache_change (
    id   integer primary key autoincrement,
    key  text
);
-- The first row, so a server always finds a last row to start from.
insert into cache_change (key) values (null);
