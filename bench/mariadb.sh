# Sourced by .ci/run: makes sure a MariaDB (or MySQL) server answers on 127.0.0.1:3306
# for the imports from YOURLS and Polr, and exports SHORTENER_TEST_MARIADB, the URL the
# tests use. An answering server is used as it is (root without a password, as on a
# developer's machine); otherwise Debian's package is installed and started, with a
# user of its own for the tests, since Debian's root logs in through the socket only.

mariadb_url=${SHORTENER_TEST_MARIADB:-mysql://root@127.0.0.1:3306}
# Runs the query $2 as the user of URL $1 (mysql://user[:password]@127.0.0.1:3306).
ask() {
    local rest=${1#mysql://} user password=""
    user=${rest%%@*}
    if [[ $user == *:* ]]; then
        password=${user#*:}
        user=${user%%:*}
    fi
    MYSQL_PWD=$password mysql -h 127.0.0.1 -P 3306 -u "$user" -N -e "$2" 2>/dev/null
}
answers() { ask "$1" 'select 1' >/dev/null; }
if ! command -v mysql >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-client >/dev/null
fi
if ! answers "$mariadb_url"; then
    mariadb_url=mysql://shortener:shortener@127.0.0.1:3306
fi
if ! answers "$mariadb_url"; then
    if ! command -v mariadbd >/dev/null && ! command -v mysqld >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
    fi
    service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do
        mysql -e 'select 1' >/dev/null 2>&1 && break
        sleep 1
    done
    mysql -e "create user if not exists 'shortener'@'127.0.0.1' identified by 'shortener';
              create user if not exists 'shortener'@'localhost' identified by 'shortener';
              grant all on *.* to 'shortener'@'127.0.0.1';
              grant all on *.* to 'shortener'@'localhost'"
fi
answers "$mariadb_url" || { echo "MariaDB does not answer at 127.0.0.1:3306" >&2; exit 1; }
export SHORTENER_TEST_MARIADB=$mariadb_url
echo "MariaDB: $(ask "$mariadb_url" 'select version()')"
