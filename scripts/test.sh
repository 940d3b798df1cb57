#!/usr/bin/env bash
# Set up (first time) and run the whole test suite, headless: SQLite always, and the database
# and service tests again on a throwaway PostgreSQL cluster when PostgreSQL is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-test-tools
export QT_QPA_PLATFORM=offscreen

PGDIR=""
cleanup() {
  if [ -n "$PGDIR" ] && [ -d "$PGDIR/data" ]; then
    su postgres -c "$PGBIN/pg_ctl -D $PGDIR/data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
  fi
}
trap cleanup EXIT
if [ -z "${SAMVERKAN_TEST_PG_URL:-}" ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDIR=$(mktemp -d); chown postgres "$PGDIR"
  PGPORT=$(( 55432 + RANDOM % 1000 ))
  su postgres -c "$PGBIN/initdb -D $PGDIR/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$PGBIN/pg_ctl -D $PGDIR/data -o '-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off' -l $PGDIR/log -w start" >/dev/null
  export SAMVERKAN_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
  echo "PostgreSQL test cluster on port $PGPORT"
fi

set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
# "No tests collected" (5) is not a failure of the product.
[ "$rc" -eq 5 ] && rc=0

# Freeze with PyInstaller and smoke-test the frozen program (docs/INSTALL.md); 2.5–6 min, opt-in.
if [ "${PACKAGING:-0}" = "1" ]; then
  .venv/bin/python -m pip install -q -e ".[packaging]" 2>&1 | grep -v "^WARNING: Location" || true
  set +e
  .venv/bin/python packaging/build.py --no-installer
  prc=$?
  set -e
  [ "$rc" -eq 0 ] && rc=$prc
fi
exit "$rc"
