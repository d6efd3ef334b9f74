-- Polr (PHP URL shortener, https://github.com/cydrobolt/polr)
-- Final MySQL schema of Polr 2.3.0 (tag 2.3.0b, commit 6e7353825711fa5c42c6ec3522254c6875be8dd7)
-- after all Laravel migrations. database/migrations is unchanged at the later master commit 677080f.
-- Polr 2.3.0 runs on Lumen 5.1.7 with illuminate/database v5.1.41 and doctrine/dbal 2.5.11 (composer.lock).
-- Source files read:
--   database/migrations/2015_11_04_015813_create_link_table.php
--   database/migrations/2015_11_04_015823_create_users_table.php
--   database/migrations/2016_12_27_232934_create_clicks_table.php
--   database/migrations/2017_02_04_025727_add_link_table_indexes.php
--   database/migrations/2017_02_08_003907_alter_link_clicks_to_integer.php
--   database/migrations/2017_12_21_095425_create_api_quota_index.php
--   app/Models/Link.php app/Factories/LinkFactory.php app/Helpers/LinkHelper.php app/Helpers/ClickHelper.php
--   app/Http/Controllers/LinkController.php resources/views/env.blade.php
--   laravel/lumen-framework v5.1.7 config/database.php (charset utf8, collation utf8_unicode_ci,
--   prefix DB_PREFIX default empty, time_zone +00:00, strict false so session sql_mode is empty)
--   illuminate/database v5.1.41 Schema/Blueprint.php Schema/Grammars/MySqlGrammar.php Schema/Grammars/Grammar.php
--   Migrations/DatabaseMigrationRepository.php
-- Written as the MySQL DDL the Laravel 5.1 schema builder emits, with the later ALTERs folded into
-- the CREATE TABLE statements. Index and foreign key names are the ones Laravel generates.
-- Laravel 5.1 timestamps() emits "timestamp default 0 not null" (not nullable). Polr's connection
-- runs with sql_mode empty. Servers with NO_ZERO_DATE plus strict mode (MySQL 5.7 and later defaults)
-- reject default 0, so load this file there after SET SESSION sql_mode = ''.
-- The 2017_02_08 migration changed links.clicks from varchar(255) default '0' to int via Doctrine
-- (only the type changes, the default and NOT NULL are kept).

create table `links` (
  `id` int unsigned not null auto_increment primary key,
  `short_url` varchar(255) not null,
  `long_url` longtext not null,
  `ip` varchar(255) not null,
  `creator` varchar(255) not null,
  `clicks` int not null default 0,
  `secret_key` varchar(255) not null,
  `is_disabled` tinyint(1) not null default '0',
  `is_custom` tinyint(1) not null default '0',
  `is_api` tinyint(1) not null default '0',
  `created_at` timestamp default 0 not null,
  `updated_at` timestamp default 0 not null,
  `long_url_hash` varchar(10) null,
  unique `links_short_url_unique` (`short_url`),
  index `links_long_url_index` (`long_url_hash`),
  index `api_quota_index` (`created_at`, `creator`, `is_api`)
) default character set utf8 collate utf8_unicode_ci engine = InnoDB;

create table `users` (
  `id` int unsigned not null auto_increment primary key,
  `username` varchar(255) not null,
  `password` varchar(255) not null,
  `email` varchar(255) not null,
  `ip` text not null,
  `recovery_key` varchar(255) not null,
  `role` varchar(255) not null,
  `active` varchar(255) not null,
  `api_key` varchar(255) null,
  `api_active` tinyint(1) not null default '0',
  `api_quota` varchar(255) not null default '60',
  `created_at` timestamp default 0 not null,
  `updated_at` timestamp default 0 not null,
  `deleted_at` timestamp null,
  unique `users_username_unique` (`username`)
) default character set utf8 collate utf8_unicode_ci;

create table `clicks` (
  `id` int unsigned not null auto_increment primary key,
  `ip` varchar(255) not null,
  `country` varchar(255) null,
  `referer` varchar(255) null,
  `referer_host` varchar(255) null,
  `user_agent` text null,
  `link_id` int unsigned not null,
  `created_at` timestamp default 0 not null,
  `updated_at` timestamp default 0 not null,
  index `clicks_ip_index` (`ip`),
  index `clicks_referer_host_index` (`referer_host`),
  index `clicks_link_id_index` (`link_id`),
  constraint `clicks_link_id_foreign` foreign key (`link_id`) references `links` (`id`) on delete cascade
) default character set utf8 collate utf8_unicode_ci engine = InnoDB;

-- Laravel's migration bookkeeping table (created by artisan migrate) with the rows of a fresh install.
create table `migrations` (
  `migration` varchar(255) not null,
  `batch` int not null
) default character set utf8 collate utf8_unicode_ci;

insert into `migrations` (`migration`, `batch`) values
  ('2015_11_04_015813_create_link_table', 1),
  ('2015_11_04_015823_create_users_table', 1),
  ('2016_12_27_232934_create_clicks_table', 1),
  ('2017_02_04_025727_add_link_table_indexes', 1),
  ('2017_02_08_003907_alter_link_clicks_to_integer', 1),
  ('2017_12_21_095425_create_api_quota_index', 1);
