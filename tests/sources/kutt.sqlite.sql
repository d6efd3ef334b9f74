-- Kutt (Node.js URL shortener, https://github.com/thedevs-network/kutt)
-- Final SQLite schema of Kutt v3.2.3 (tag v3.2.3, commit e75d4b2bac8758c1b8be837b42a0902529024127)
-- after all knex migrations (knex 3.1.0, client "better-sqlite3", the v3 default DB_CLIENT, file db/data).
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
--   server/models/*.model.js, server/consts.js, server/utils/utils.js (dateToUTC, parseDatetime),
--   server/utils/knex.js, server/queries/link.queries.js, server/queries/visit.queries.js
-- Statements are the SQL knex 3.1.0 compiles for the sqlite dialect (fresh install), reformatted.
-- Not included: knex_migrations and knex_migrations_lock (knex bookkeeping).
-- Stored values as Kutt v3 writes them on SQLite:
--   datetime columns hold TEXT 'YYYY-MM-DD HH:MM:SS' in UTC, no T, no zone, no fraction
--   (column defaults CURRENT_TIMESTAMP and utils.dateToUTC both produce that form).
--   boolean columns hold INTEGER 0 or 1 (knex binds booleans as Number).
--   json columns hold TEXT produced by JSON.stringify, for example '{"us":3,"unknown":1}'.

create table `users` (
  `id` integer not null primary key autoincrement,
  `apikey` varchar(255),
  `banned` boolean not null default '0',
  `banned_by_id` integer,
  `email` varchar(255) not null,
  `role` text check (`role` in ('USER', 'ADMIN')) not null default 'USER',
  `password` varchar(255) not null,
  `reset_password_expires` datetime,
  `reset_password_token` varchar(255),
  `change_email_expires` datetime,
  `change_email_token` varchar(255),
  `change_email_address` varchar(255),
  `verification_expires` datetime,
  `verification_token` varchar(255),
  `verified` boolean not null default '0',
  `created_at` datetime not null default CURRENT_TIMESTAMP,
  `updated_at` datetime not null default CURRENT_TIMESTAMP,
  foreign key(`banned_by_id`) references `users`(`id`)
);
create unique index `users_email_unique` on `users` (`email`);

create table `ips` (
  `id` integer not null primary key autoincrement,
  `ip` varchar(255) not null,
  `created_at` datetime not null default CURRENT_TIMESTAMP,
  `updated_at` datetime not null default CURRENT_TIMESTAMP
);
create unique index `ips_ip_unique` on `ips` (`ip`);

create table `domains` (
  `id` integer not null primary key autoincrement,
  `banned` boolean not null default '0',
  `banned_by_id` integer,
  `address` varchar(255) not null,
  `homepage` varchar(255) null,
  `user_id` integer,
  `uuid` char(36) not null default (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
  `created_at` datetime not null default CURRENT_TIMESTAMP,
  `updated_at` datetime not null default CURRENT_TIMESTAMP,
  foreign key(`banned_by_id`) references `users`(`id`),
  constraint `domains_user_id_foreign` foreign key(`user_id`) references `users`(`id`) on delete SET NULL
);
create unique index `domains_address_unique` on `domains` (`address`);

create table `hosts` (
  `id` integer not null primary key autoincrement,
  `address` varchar(255) not null,
  `banned` boolean not null default '0',
  `banned_by_id` integer,
  `created_at` datetime not null default CURRENT_TIMESTAMP,
  `updated_at` datetime not null default CURRENT_TIMESTAMP,
  foreign key(`banned_by_id`) references `users`(`id`)
);
create unique index `hosts_address_unique` on `hosts` (`address`);

-- links.address is NOT unique in the schema: the application keeps (address, domain_id) unique,
-- domain_id NULL meaning the instance's DEFAULT_DOMAIN.
create table `links` (
  `id` integer not null primary key autoincrement,
  `address` varchar(255) not null,
  `description` varchar(255),
  `banned` boolean not null default '0',
  `banned_by_id` integer,
  `domain_id` integer,
  `password` varchar(255),
  `expire_in` datetime,
  `target` varchar(2040) not null,
  `user_id` integer,
  `visit_count` integer not null default '0',
  `uuid` char(36) not null default (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
  `created_at` datetime not null default CURRENT_TIMESTAMP,
  `updated_at` datetime not null default CURRENT_TIMESTAMP,
  foreign key(`banned_by_id`) references `users`(`id`),
  foreign key(`domain_id`) references `domains`(`id`),
  constraint `links_user_id_foreign` foreign key(`user_id`) references `users`(`id`) on delete CASCADE
);

-- visits: one row per link per UTC hour (aggregate), created_at = time of the first visit in that hour.
create table `visits` (
  `id` integer not null primary key autoincrement,
  `countries` json,
  `created_at` datetime not null default CURRENT_TIMESTAMP,
  `updated_at` datetime default CURRENT_TIMESTAMP,
  `link_id` integer,
  `user_id` integer,
  `referrers` json,
  `total` integer not null default '0',
  `br_chrome` integer not null default '0',
  `br_edge` integer not null default '0',
  `br_firefox` integer not null default '0',
  `br_ie` integer not null default '0',
  `br_opera` integer not null default '0',
  `br_other` integer not null default '0',
  `br_safari` integer not null default '0',
  `os_android` integer not null default '0',
  `os_ios` integer not null default '0',
  `os_linux` integer not null default '0',
  `os_macos` integer not null default '0',
  `os_other` integer not null default '0',
  `os_windows` integer not null default '0',
  constraint `visits_link_id_foreign` foreign key(`link_id`) references `links`(`id`) on delete CASCADE,
  constraint `visits_user_id_foreign` foreign key(`user_id`) references `users`(`id`) on delete CASCADE
);

-- 20241223062111_indexes.js
create unique index `users_apikey_unique` on `users` (`apikey`);
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
