-- Optional limits on a link's life, and an optional password: a link expires at
-- expires_at (UTC, RFC 3339) or once clicks reaches max_clicks, whichever comes
-- first; password_hash is an argon2 PHC string. The password itself is never stored.
alter table link add column expires_at text;
alter table link add column max_clicks integer check (max_clicks is null or max_clicks > 0);
alter table link add column password_hash text;
