#!/usr/bin/env bash
# Shared setup for scripts/start.sh and scripts/test.sh: system libraries (Debian/Ubuntu, when
# run as root or with sudo), a virtual environment in .venv, and the project with its extras.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_pg="${1:-}"
APT_PACKAGES="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core \
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 \
  poppler-utils"
[ "$want_pg" = "--with-test-tools" ] && APT_PACKAGES="$APT_PACKAGES postgresql libreoffice-calc-nogui xvfb xauth"

if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
    if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
      echo "Installing system packages:$missing"
      export DEBIAN_FRONTEND=noninteractive
      $SUDO apt-get update -qq
      $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "Note: missing system packages (install them as root):$missing" >&2
    fi
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -m pip install -q -e ".[pdf,test]" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import samverkan_desktop, PySide6, sqlmodel, openpyxl, reportlab" 
  rm -f .venv/.installed-*
  touch "$stamp"
fi
