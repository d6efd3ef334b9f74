-- Running a public instance. A link the operator disabled keeps its row and answers
-- 410 with disabled_reason; target_changed_at is when its owner last pointed it
-- elsewhere (null: never); token_id is the creator token it was made with (private
-- mode; null otherwise).
alter table link add column disabled_reason text;
alter table link add column target_changed_at text;
alter table link add column token_id integer;

-- Abuse reports: what was reported and when, nothing of who reported it (no address,
-- user agent or cookie). open is cleared when the operator disables the link or
-- dismisses its reports.
create table report (
    id          integer primary key,
    link_id     integer not null references link (id),
    reason      text    not null check (reason in ('phishing', 'malware', 'spam', 'illegal', 'other')),
    details     text    check (details is null or length(details) <= 1000),
    created_at  text    not null,
    open        integer not null default 1 check (open in (0, 1))
);
create index report_open on report (link_id) where open = 1;

-- The operator's moderation page: only the hash of its secret.
create table moderation (
    id           integer primary key check (id = 1),
    secret_hash  blob    not null check (length(secret_hash) = 32)
);

-- Creator tokens of a private instance: only their hashes.
create table creator_token (
    id          integer primary key,
    token_hash  blob    not null unique check (length(token_hash) = 32),
    note        text    not null,
    created_at  text    not null,
    revoked_at  text
);
