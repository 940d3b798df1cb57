#!/usr/bin/env bash
# Set up (first time) and start Samverkan Desktop on the embedded database in your data folder.
#   bash scripts/start.sh          start the app (an empty database offers "Läs in demodata")
#   bash scripts/start.sh --demo   load the demo data first if the database is empty
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "--demo" ]; then
  shift
  .venv/bin/samverkan-desktop demo 2>/dev/null || true
fi
exec .venv/bin/samverkan-desktop "$@"
