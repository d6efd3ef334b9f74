-- Owners without accounts. stats_token opens a link's read-only statistics page
-- (null: turned off); it is kept as it is, not hashed, because the owner's page
-- shows it again, and it opens nothing but counts. forward_query: the visitor's
-- query string is added to the target. vault_key and vault_secret exist once a link
-- joins a collection: a random key sealed with the admin secret, and the admin
-- secret sealed with that key, so a collection can show its links' admin URLs
-- without any secret stored in the clear, and a new admin secret needs no
-- collection's secret to stay listed.
alter table link add column stats_token text;
alter table link add column forward_query integer not null default 0 check (forward_query in (0, 1));
alter table link add column vault_key blob;
alter table link add column vault_secret blob;
update link set stats_token = lower(hex(randomblob(16)));
create unique index link_stats_token on link (stats_token);

-- Collections: only the hash of each secret.
create table collection (
    id           integer primary key,
    secret_hash  blob    not null unique check (length(secret_hash) = 32),
    name         text    not null check (length(name) between 1 and 100),
    created_at   text    not null
);

-- A link in a collection, with the link's vault key sealed with the collection's
-- secret.
create table collection_link (
    collection_id  integer not null references collection (id),
    link_id        integer not null references link (id),
    sealed_key     blob    not null,
    added_at       text    not null,
    primary key (collection_id, link_id)
) without rowid;
