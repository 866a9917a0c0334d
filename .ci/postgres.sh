#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the store tests and print the URL.
#
#   eval "$(bash .ci/postgres.sh)"   # or: source .ci/postgres.sh; exports DOTTEREL_TEST_PG
#
# Installs PostgreSQL from the Debian packages when it is missing, runs a cluster
# as the postgres user in /tmp (port $PGPORT, default 54329, 127.0.0.1 only, trust
# auth), creates the database and prints `export DOTTEREL_TEST_PG=...` on stdout.
# Everything else goes to stderr. Running it again reuses the running server.
set -euo pipefail

PGPORT="${PGPORT:-54329}"
PGDATA_DIR="${DOTTEREL_PGDATA:-/tmp/dotterel-pg-$PGPORT}"
DB="${DOTTEREL_PGDB:-dotterel_test}"

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && { echo "$d"; return 0; }
  done
  return 1
}

if ! BIN="$(find_bin)"; then
  log "installing postgresql from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y postgresql >&2
  BIN="$(find_bin)"
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if [ "$(id -u)" = 0 ]; then OWNER=postgres; else OWNER="$(id -un)"; fi
URL="postgresql://$OWNER@127.0.0.1:$PGPORT/$DB"

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    mkdir -p "$PGDATA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR"
    as_pg "'$BIN/initdb' -D '$PGDATA_DIR' -A trust -U '$OWNER' -E UTF8 --locale=C.UTF-8" >&2 \
      || as_pg "'$BIN/initdb' -D '$PGDATA_DIR' -A trust -U '$OWNER' -E UTF8 --no-locale" >&2
  fi
  as_pg "'$BIN/pg_ctl' -D '$PGDATA_DIR' -l '$PGDATA_DIR/server.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >&2
fi

for _ in $(seq 1 30); do
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" && break
  sleep 1
done

if ! "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U "$OWNER" -d postgres -tAc \
     "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U "$OWNER" "$DB" >&2
fi

log "server ready at $URL"
export DOTTEREL_TEST_PG="$URL"   # when sourced
echo "export DOTTEREL_TEST_PG=$URL"
