#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs, starts PostgreSQL, runs pytest.
# Used as is by the README and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

# Debian packages: Chromium for the browser tests (never `playwright install`: no downloads here).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing chromium with apt ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

# PostgreSQL on 127.0.0.1 for the store tests.
if [ -z "${CATCHALL_TEST_POSTGRES_URL:-}" ]; then
  if bash scripts/pg-start.sh; then
    export CATCHALL_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:${CATCHALL_PG_PORT:-5432}/postgres"
  else
    echo "warning: PostgreSQL could not be started; its tests will skip (and fail under CI=true)" >&2
  fi
fi

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'

set +e
.venv/bin/python -m pytest --cov=catchall --cov-report=term:skip-covered "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then echo "error: no tests ran" >&2; exit 1; fi
exit "$rc"
