-- Kutt (Node.js URL shortener, https://github.com/thedevs-network/kutt)
-- Final PostgreSQL schema of Kutt v3.2.3 (tag v3.2.3, commit e75d4b2bac8758c1b8be837b42a0902529024127)
-- after all knex migrations (knex 3.1.0, client "pg").
-- server/models and server/migrations are identical at the later master commit fc832d7.
-- Source files read:
--   server/migrations/20200211220920_constraints.js
--   server/migrations/20200510140704_domains.js
--   server/migrations/20200718124944_description.js
--   server/migrations/20200730203154_expire_in.js
--   server/migrations/20200810195255_change_email.js
--   server/migrations/20241103083933_user-roles.js
--   server/migrations/20241223062111_indexes.js
--   server/migrations/20241223103044_visits_user_id.js
--   server/migrations/20241223155527_visits_user_id_index.js
--   server/migrations/20250106070444_remove_cooldown.js
--   server/models/user.model.js server/models/ip.model.js server/models/domain.model.js
--   server/models/host.model.js server/models/link.model.js server/models/visit.model.js
--   server/consts.js (ROLES)
-- The statements below are the SQL knex 3.1.0 emitted when these migrations were run
-- against an empty PostgreSQL 15 database (fresh install), reformatted over several lines.
-- Not included: knex_migrations and knex_migrations_lock (knex bookkeeping).
-- gen_random_uuid() needs PostgreSQL 13 or newer (or pgcrypto).

create table "users" (
  "id" serial primary key,
  "apikey" varchar(255),
  "banned" boolean not null default '0',
  "banned_by_id" integer,
  "email" varchar(255) not null,
  "role" text check ("role" in ('USER', 'ADMIN')) not null default 'USER',
  "password" varchar(255) not null,
  "reset_password_expires" timestamptz,
  "reset_password_token" varchar(255),
  "change_email_expires" timestamptz,
  "change_email_token" varchar(255),
  "change_email_address" varchar(255),
  "verification_expires" timestamptz,
  "verification_token" varchar(255),
  "verified" boolean not null default '0',
  "created_at" timestamptz not null default CURRENT_TIMESTAMP,
  "updated_at" timestamptz not null default CURRENT_TIMESTAMP
);
alter table "users" add constraint "users_banned_by_id_foreign" foreign key ("banned_by_id") references "users" ("id");
alter table "users" add constraint "users_email_unique" unique ("email");

create table "ips" (
  "id" serial primary key,
  "ip" varchar(255) not null,
  "created_at" timestamptz not null default CURRENT_TIMESTAMP,
  "updated_at" timestamptz not null default CURRENT_TIMESTAMP
);
alter table "ips" add constraint "ips_ip_unique" unique ("ip");

create table "domains" (
  "id" serial primary key,
  "banned" boolean not null default '0',
  "banned_by_id" integer,
  "address" varchar(255) not null,
  "homepage" varchar(255) null,
  "user_id" integer,
  "uuid" uuid not null default (gen_random_uuid()),
  "created_at" timestamptz not null default CURRENT_TIMESTAMP,
  "updated_at" timestamptz not null default CURRENT_TIMESTAMP
);
alter table "domains" add constraint "domains_banned_by_id_foreign" foreign key ("banned_by_id") references "users" ("id");
alter table "domains" add constraint "domains_address_unique" unique ("address");
alter table "domains" add constraint "domains_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete SET NULL;

create table "hosts" (
  "id" serial primary key,
  "address" varchar(255) not null,
  "banned" boolean not null default '0',
  "banned_by_id" integer,
  "created_at" timestamptz not null default CURRENT_TIMESTAMP,
  "updated_at" timestamptz not null default CURRENT_TIMESTAMP
);
alter table "hosts" add constraint "hosts_address_unique" unique ("address");
alter table "hosts" add constraint "hosts_banned_by_id_foreign" foreign key ("banned_by_id") references "users" ("id");

-- links.address is NOT unique in the schema: the application keeps (address, domain_id) unique,
-- domain_id NULL meaning the instance's DEFAULT_DOMAIN.
create table "links" (
  "id" serial primary key,
  "address" varchar(255) not null,
  "description" varchar(255),
  "banned" boolean not null default '0',
  "banned_by_id" integer,
  "domain_id" integer,
  "password" varchar(255),
  "expire_in" timestamptz,
  "target" varchar(2040) not null,
  "user_id" integer,
  "visit_count" integer not null default '0',
  "uuid" uuid not null default (gen_random_uuid()),
  "created_at" timestamptz not null default CURRENT_TIMESTAMP,
  "updated_at" timestamptz not null default CURRENT_TIMESTAMP
);
alter table "links" add constraint "links_banned_by_id_foreign" foreign key ("banned_by_id") references "users" ("id");
alter table "links" add constraint "links_domain_id_foreign" foreign key ("domain_id") references "domains" ("id");
alter table "links" add constraint "links_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete CASCADE;

-- visits: one row per link per UTC hour (aggregate), created_at = time of the first visit in that hour.
create table "visits" (
  "id" serial primary key,
  "countries" jsonb,
  "created_at" timestamptz not null default CURRENT_TIMESTAMP,
  "updated_at" timestamptz default CURRENT_TIMESTAMP,
  "link_id" integer,
  "user_id" integer,
  "referrers" jsonb,
  "total" integer not null default '0',
  "br_chrome" integer not null default '0',
  "br_edge" integer not null default '0',
  "br_firefox" integer not null default '0',
  "br_ie" integer not null default '0',
  "br_opera" integer not null default '0',
  "br_other" integer not null default '0',
  "br_safari" integer not null default '0',
  "os_android" integer not null default '0',
  "os_ios" integer not null default '0',
  "os_linux" integer not null default '0',
  "os_macos" integer not null default '0',
  "os_other" integer not null default '0',
  "os_windows" integer not null default '0'
);
alter table "visits" add constraint "visits_link_id_foreign" foreign key ("link_id") references "links" ("id") on delete CASCADE;
alter table "visits" add constraint "visits_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete CASCADE;

-- 20241223062111_indexes.js
alter table "users" add constraint "users_apikey_unique" unique ("apikey");
CREATE INDEX IF NOT EXISTS links_domain_id_index ON links (domain_id);
CREATE INDEX IF NOT EXISTS links_user_id_index ON links (user_id);
CREATE INDEX IF NOT EXISTS links_address_index ON links (address);
CREATE INDEX IF NOT EXISTS links_expire_in_index ON links (expire_in);
CREATE INDEX IF NOT EXISTS domains_address_index ON domains (address);
CREATE INDEX IF NOT EXISTS domains_user_id_index ON domains (user_id);
CREATE INDEX IF NOT EXISTS hosts_address_index ON hosts (address);
CREATE INDEX IF NOT EXISTS visits_link_id_index ON visits (link_id);
-- 20241223155527_visits_user_id_index.js
CREATE INDEX IF NOT EXISTS visits_user_id_index ON visits (user_id);
