-- YOURLS (PHP URL shortener, https://github.com/YOURLS/YOURLS)
-- Schema of a fresh install of YOURLS 1.10.4 (tag 1.10.4, commit ef695ea14d89d920e771a88f32cbe0485256366a),
-- YOURLS_DB_VERSION 507, MySQL/MariaDB, default table prefix YOURLS_DB_PREFIX = 'yourls_'.
-- Source files read:
--   includes/functions-install.php (yourls_create_sql_tables, yourls_initialize_options, yourls_insert_sample_links)
--   includes/functions-upgrade.php (schema of upgraded installs, see notes below)
--   includes/Config/Config.php (YOURLS_DB_TABLE_URL/OPTIONS/LOG = YOURLS_DB_PREFIX . 'url'/'options'/'log')
--   includes/Config/Init.php (date_default_timezone_set('UTC'))
--   includes/functions-shorturls.php (yourls_insert_link_in_db) includes/functions.php (yourls_log_redirect, yourls_update_clicks)
--   includes/class-mysql.php (PDO DSN charset utf8mb4, no SET time_zone)
--   user/config-sample.php
-- The three statements are the ones yourls_create_sql_tables() sends, with the prefix substituted,
-- reformatted over several lines.
-- Notes:
--   keyword is utf8mb4_bin: short URL keywords are case-sensitive.
--   timestamp (a TIMESTAMP column) and click_time (a DATETIME column) are written by PHP
--   date('Y-m-d H:i:s') with the PHP timezone forced to UTC, so both hold UTC wall-clock time.
--   YOURLS_HOURS_OFFSET is applied only when displaying dates.
--   Installs upgraded from older versions differ slightly: url_idx is url(50) instead of url(30),
--   yourls_log.shorturl may be varchar(200), and all text columns of yourls_url are utf8mb4_bin.
--   The installer also inserts the options version, db_version, next_id, active_plugins
--   and three sample links (ozh, yourls, yourlsblog). They are not included here.

CREATE TABLE IF NOT EXISTS `yourls_url` (
  `keyword` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  `url` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `title` text COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `timestamp` timestamp NOT NULL DEFAULT current_timestamp(),
  `ip` varchar(41) COLLATE utf8mb4_unicode_ci NOT NULL,
  `clicks` int(10) unsigned NOT NULL,
  PRIMARY KEY (`keyword`),
  KEY `ip` (`ip`),
  KEY `timestamp` (`timestamp`),
  KEY `url_idx` (`url`(30))
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS `yourls_options` (
  `option_id` bigint(20) unsigned NOT NULL auto_increment,
  `option_name` varchar(64) COLLATE utf8mb4_unicode_ci NOT NULL default '',
  `option_value` longtext COLLATE utf8mb4_unicode_ci NOT NULL,
  PRIMARY KEY  (`option_id`,`option_name`),
  KEY `option_name` (`option_name`)
) AUTO_INCREMENT=1 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `yourls_log` (
  `click_id` int(11) NOT NULL auto_increment,
  `click_time` datetime NOT NULL,
  `shorturl` varchar(100) BINARY NOT NULL,
  `referrer` varchar(200) NOT NULL,
  `user_agent` varchar(255) NOT NULL,
  `ip_address` varchar(41) NOT NULL,
  `country_code` char(2) NOT NULL,
  PRIMARY KEY  (`click_id`),
  KEY `shorturl` (`shorturl`)
) AUTO_INCREMENT=1 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
