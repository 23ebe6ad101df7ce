#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:${CATCHALL_PG_PORT:-5432}.
# Starts the machine's cluster if it is down, else initdb's a throwaway one under /tmp (as user postgres).
set -euo pipefail
PORT=${CATCHALL_PG_PORT:-5432}
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
ready() { "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null || pg_isready -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; }
if ready; then echo "postgres: already running on 127.0.0.1:$PORT"; exit 0; fi
if [ ! -x "$BIN/initdb" ]; then
  echo "postgres: binaries not found in $BIN; installing postgresql with apt" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_cluster() {  # $1: data directory
  local dir=$1 log=$1.log
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"; chmod 700 "$dir"
    as_pg "$BIN/initdb" -D "$dir" -A trust -U postgres >/dev/null
  fi
  touch "$log"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$log"
  as_pg "$BIN/pg_ctl" -D "$dir" -l "$log" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1" -w start >/dev/null
}
DIR=${CATCHALL_PG_DIR:-/tmp/catchall-pg-$PORT}
if ! start_cluster "$DIR"; then
  # A left-over cluster that will not start (stale lock, other version): use a fresh one.
  DIR=$(mktemp -d /tmp/catchall-pg-fresh-XXXXXX)
  start_cluster "$DIR"
fi
for _ in $(seq 1 30); do ready && break; sleep 1; done
ready && echo "postgres: throwaway cluster $DIR running on 127.0.0.1:$PORT"
