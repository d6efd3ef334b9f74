-- When a link goes live (UTC, RFC 3339): before it, visitors are told when, and
-- nothing is counted. None: live from its creation.
alter table link add column starts_at text;
