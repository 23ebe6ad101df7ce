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
DIR=${CATCHALL_PG_DIR:-/tmp/catchall-pg-$PORT}
LOG=$DIR.log
if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"; chmod 700 "$DIR"
  as_pg "$BIN/initdb" -D "$DIR" -A trust -U postgres >/dev/null
fi
touch "$LOG"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$LOG"
as_pg "$BIN/pg_ctl" -D "$DIR" -l "$LOG" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1" -w start >/dev/null
for _ in $(seq 1 30); do ready && break; sleep 1; done
ready && echo "postgres: throwaway cluster $DIR running on 127.0.0.1:$PORT"
