#!/usr/bin/env bash
# Start a local PostgreSQL (Debian packages) for the web application's tests.
# Source it:   . .ci/postgres.sh   -> exports RAMBU_TEST_PG_URL
# or run it:   .ci/postgres.sh     -> prints RAMBU_TEST_PG_URL=...
# Needs root on Debian/Ubuntu; does nothing harmful when run twice.
set -eu
_pg_main() {
  local db=rambu_test user=rambu pass=rambu-test port
  export DEBIAN_FRONTEND=noninteractive
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  local ver
  ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
  if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$ver/main"; then
    pg_createcluster "$ver" main >/dev/null
  fi
  # loopback only
  sed -i "s/^#\?listen_addresses.*/listen_addresses = 'localhost'/" "/etc/postgresql/$ver/main/postgresql.conf"
  if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$ver" main start
  fi
  port=$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
  for _ in $(seq 1 30); do
    su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -p $port -qAtc \"select 1 from pg_roles where rolname='$user'\"" | grep -q 1 \
    || su postgres -c "psql -p $port -qc \"create role $user login password '$pass' createdb\""
  # the tests recreate their database from a template (DROP DATABASE ... WITH (FORCE))
  su postgres -c "psql -p $port -qc 'grant pg_signal_backend to $user'" >/dev/null
  su postgres -c "psql -p $port -qAtc \"select 1 from pg_database where datname='$db'\"" | grep -q 1 \
    || su postgres -c "createdb -p $port -O $user $db"
  RAMBU_TEST_PG_URL="postgresql+psycopg://$user:$pass@127.0.0.1:$port/$db"
}
_pg_main
export RAMBU_TEST_PG_URL
echo "RAMBU_TEST_PG_URL=$RAMBU_TEST_PG_URL"
unset -f _pg_main
