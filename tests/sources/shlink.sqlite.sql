-- Shlink (PHP URL shortener, https://github.com/shlinkio/shlink)
-- Final SQLite schema of Shlink v4.6.0 (tag v4.6.0, commit 0d833904e88425e220fdf70d4387b84e4ce21c0b),
-- the latest 4.x release, for the tables an importer reads.
-- Shlink 4.6.0 requires doctrine/orm ^3.5, doctrine/dbal ^4.3, shlinkio/shlink-common ^7.2 (composer.json).
-- Source files read:
--   module/Core/config/entities-mappings/Shlinkio.Shlink.Core.Domain.Entity.Domain.php
--   module/Core/config/entities-mappings/Shlinkio.Shlink.Core.ShortUrl.Entity.ShortUrl.php
--   module/Core/config/entities-mappings/Shlinkio.Shlink.Core.Tag.Entity.Tag.php
--   module/Core/config/entities-mappings/Shlinkio.Shlink.Core.Visit.Entity.Visit.php
--   module/Core/config/entities-mappings/Shlinkio.Shlink.Core.Visit.Entity.VisitLocation.php
--   module/Core/config/entities-mappings/Shlinkio.Shlink.Core.Visit.Entity.ShortUrlVisitsCount.php
--   module/Rest/config/entities-mappings/Shlinkio.Shlink.Rest.Entity.ApiKey.php
--   module/Core/migrations/Version20230211171904.php .. Version20250722060208.php (all 17)
--   module/CLI/src/Command/Db/CreateDatabaseCommand.php, config/autoload/installer.global.php
--   module/Core/src/Visit/Model/VisitType.php, module/Core/src/Visit/Model/Visitor.php
--   module/Core/src/Visit/Listener/ShortUrlVisitsCountTracker.php
--   shlinkio/shlink-common v7.2.0 src/Doctrine/Type/ChronosDateTimeType.php (extends DateTimeImmutableType)
--   doctrine/dbal 4.3.x src/Platforms/SQLitePlatform.php, src/Schema/Table.php
--   doctrine/orm 3.3.x src/Tools/SchemaTool.php
-- A fresh install runs "db:create" (doctrine orm:schema-tool:create from the mappings) and then
-- "db:migrate". The only migration that changes these tables on a fresh install is
-- Version20230211171904 + Version20230303164233, which leave index visits_potential_bot_IDX.
-- Statements below are what DBAL 4 emits for that (index/FK names are Doctrine's crc32-derived names).
-- Installs upgraded from Shlink 2.x/3.x (tables built by the removed pre-4.0 migrations) may differ:
--   short_urls may carry an extra unique index unique_imports (import_source, import_original_short_code, domain_id),
--   short_url_visits_counts (created by Version20240306132518) has short_url_id NOT NULL,
--   slot_id DEFAULT 1 and column order id, short_url_id, potential_bot, slot_id, count.
-- Stored values as Shlink writes them on SQLite:
--   DATETIME columns (ChronosDateTimeType) hold TEXT 'YYYY-MM-DD HH:MM:SS', no zone, wall-clock time in
--   Shlink's configured TIMEZONE (env TIMEZONE, default PHP's date.timezone, UTC in the official image).
--   BOOLEAN columns hold INTEGER 0 or 1. Foreign keys are declared inline (DBAL's SQLite platform).
-- Not included: redirect rule tables, orphan_visits_counts, api_key_roles, geolocation_db_updates,
-- doctrine_migration_versions. api_keys is included only so short_urls.author_api_key_id has its FK target.


CREATE TABLE domains (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, authority VARCHAR(255) NOT NULL, base_url_redirect CLOB DEFAULT NULL, regular_not_found_redirect CLOB DEFAULT NULL, invalid_short_url_redirect CLOB DEFAULT NULL);
CREATE UNIQUE INDEX UNIQ_8C7BBF9D4AF96AFC ON domains (authority);

CREATE TABLE api_keys (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "key" VARCHAR(255) NOT NULL, "name" VARCHAR(255) DEFAULT NULL, expiration_date DATETIME DEFAULT NULL, enabled BOOLEAN NOT NULL);
CREATE UNIQUE INDEX UNIQ_9579321FF48571EB ON api_keys ("key");

CREATE TABLE short_urls (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, original_url CLOB NOT NULL, short_code VARCHAR(255) NOT NULL, date_created DATETIME NOT NULL, valid_since DATETIME DEFAULT NULL, valid_until DATETIME DEFAULT NULL, max_visits INTEGER DEFAULT NULL, import_source VARCHAR(255) DEFAULT NULL, import_original_short_code VARCHAR(255) DEFAULT NULL, title VARCHAR(512) DEFAULT NULL, title_was_auto_resolved BOOLEAN DEFAULT 0 NOT NULL, crawlable BOOLEAN DEFAULT 0 NOT NULL, forward_query BOOLEAN DEFAULT 1 NOT NULL, domain_id BIGINT UNSIGNED DEFAULT NULL, author_api_key_id BIGINT UNSIGNED DEFAULT NULL, CONSTRAINT FK_4A53F934115F0EE5 FOREIGN KEY (domain_id) REFERENCES domains (id) ON DELETE RESTRICT NOT DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT FK_4A53F934C9EA6E08 FOREIGN KEY (author_api_key_id) REFERENCES api_keys (id) ON DELETE SET NULL NOT DEFERRABLE INITIALLY IMMEDIATE);
CREATE INDEX IDX_4A53F934115F0EE5 ON short_urls (domain_id);
CREATE INDEX IDX_4A53F934C9EA6E08 ON short_urls (author_api_key_id);
CREATE UNIQUE INDEX unique_short_code_plus_domain ON short_urls (short_code, domain_id);

CREATE TABLE tags (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name VARCHAR(255) NOT NULL);
CREATE UNIQUE INDEX UNIQ_6FBC94265E237E06 ON tags (name);

CREATE TABLE short_urls_in_tags (short_url_id BIGINT UNSIGNED NOT NULL, tag_id BIGINT UNSIGNED NOT NULL, PRIMARY KEY(short_url_id, tag_id), CONSTRAINT FK_59775203F1252BC8 FOREIGN KEY (short_url_id) REFERENCES short_urls (id) ON DELETE CASCADE NOT DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT FK_59775203BAD26311 FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE NOT DEFERRABLE INITIALLY IMMEDIATE);
CREATE INDEX IDX_59775203F1252BC8 ON short_urls_in_tags (short_url_id);
CREATE INDEX IDX_59775203BAD26311 ON short_urls_in_tags (tag_id);

CREATE TABLE visit_locations (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, country_code VARCHAR(255) DEFAULT NULL, country_name VARCHAR(255) DEFAULT NULL, region_name VARCHAR(255) DEFAULT NULL, city_name VARCHAR(255) DEFAULT NULL, timezone VARCHAR(255) DEFAULT NULL, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, is_empty BOOLEAN DEFAULT 0 NOT NULL);

CREATE TABLE visits (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, referer VARCHAR(1024) DEFAULT NULL, "date" DATETIME NOT NULL, remote_addr VARCHAR(256) DEFAULT NULL, user_agent VARCHAR(512) DEFAULT NULL, visited_url VARCHAR(2048) DEFAULT NULL, type VARCHAR(255) NOT NULL, potential_bot BOOLEAN DEFAULT 0 NOT NULL, redirect_url VARCHAR(2048) DEFAULT NULL, short_url_id BIGINT UNSIGNED DEFAULT NULL, visit_location_id BIGINT UNSIGNED DEFAULT NULL, CONSTRAINT FK_444839EAF1252BC8 FOREIGN KEY (short_url_id) REFERENCES short_urls (id) ON DELETE CASCADE NOT DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT FK_444839EA8297882E FOREIGN KEY (visit_location_id) REFERENCES visit_locations (id) ON DELETE SET NULL NOT DEFERRABLE INITIALLY IMMEDIATE);
CREATE INDEX IDX_444839EAF1252BC8 ON visits (short_url_id);
CREATE INDEX IDX_444839EA8297882E ON visits (visit_location_id);
CREATE INDEX IDX_visits_date ON visits ("date");
-- added by migration Version20230303164233 (runs on fresh installs too, through db:migrate)
CREATE INDEX visits_potential_bot_IDX ON visits (potential_bot);

CREATE TABLE short_url_visits_counts (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, potential_bot BOOLEAN DEFAULT 0 NOT NULL, count BIGINT UNSIGNED DEFAULT 1 NOT NULL, slot_id INTEGER UNSIGNED NOT NULL, short_url_id BIGINT UNSIGNED DEFAULT NULL, CONSTRAINT FK_28E514E3F1252BC8 FOREIGN KEY (short_url_id) REFERENCES short_urls (id) ON DELETE CASCADE NOT DEFERRABLE INITIALLY IMMEDIATE);
CREATE INDEX IDX_28E514E3F1252BC8 ON short_url_visits_counts (short_url_id);
CREATE UNIQUE INDEX UQ_slot_per_short_url ON short_url_visits_counts (short_url_id, potential_bot, slot_id);
