# Sourced by .ci/run and bench/perf.sh: makes sure a PostgreSQL server answers on
# 127.0.0.1:5432 and exports SHORTENER_TEST_POSTGRES, the URL the tests and benchmarks
# use. An answering server is used as it is (trust auth for user postgres, as on a
# developer's machine); otherwise Debian's package is installed and started, with a
# password, since its default rules ask TCP clients for one.

postgres_url=${SHORTENER_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}
if ! command -v psql >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null
fi
if ! psql "$postgres_url" -qAtc 'select 1' >/dev/null 2>&1; then
    if ! command -v pg_ctlcluster >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    cluster=$(pg_lsclusters -h | awk 'NR == 1 { print $1 " " $2 }')
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start 2>/dev/null || true
    for _ in $(seq 1 30); do
        su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
        sleep 1
    done
    su postgres -c "psql -qc \"alter user postgres password 'postgres'\"" >/dev/null
    postgres_url=postgres://postgres:postgres@127.0.0.1:5432/postgres
fi
psql "$postgres_url" -qAtc 'select 1' >/dev/null
export SHORTENER_TEST_POSTGRES=$postgres_url
echo "PostgreSQL: $(psql "$postgres_url" -qAtc 'show server_version')"
