#!/usr/bin/env bash
# Idempotent setup for a fresh Debian 12 machine (and for CI): system packages the kiosk needs,
# then .venv/ at the repository root with the package installed in editable mode.
# Every step checks first, so a second run takes a second or two.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# --- system packages -------------------------------------------------------------------------------
# Qt's offscreen/xcb/wayland platform plugins, fonts with full
# Vietnamese coverage, Xvfb for running the real window without a monitor, poppler for PDF checks,
# Tesseract with Vietnamese data (page orientation fallback; legibility measure of `kiosk bench docscan`),
# PostgreSQL server and client (the storage tests also run on a throwaway PostgreSQL cluster they start
# themselves, as one-stop centres share one database between stations).
APT_PACKAGES=(
  python3 python3-venv python3-dev
  libgl1 libegl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libwayland-client0 libwayland-cursor0 libwayland-egl1
  libpulse0 libasound2 libspeechd2
  speech-dispatcher speech-dispatcher-espeak-ng espeak-ng sox  # real speech: Vietnamese voice "vi"
  fonts-noto-core fonts-dejavu-core fonts-ocr-b
  xvfb xauth
  poppler-utils
  tesseract-ocr tesseract-ocr-vie
  sane-utils libsane1 libsane-dev gcc  # scanners; libsane-dev + gcc build python-sane's C extension
  postgresql postgresql-client  # shared database of a one-stop centre; tests/store/pg.py starts a cluster
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
      say "need root to install: ${missing[*]}"; exit 1
    fi
  fi
  say "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- SANE test backend ----------------------------------------------------------------------------
# The `test` backend (devices test:0, test:1) is the scanner double for tests, demos and training mode.
# Debian ships it commented out in dll.conf; enable it once and leave every other line as it is.
SANE_DLL_CONF=/etc/sane.d/dll.conf
if [ -f "$SANE_DLL_CONF" ] && ! grep -Eq '^[[:space:]]*test[[:space:]]*$' "$SANE_DLL_CONF"; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
      say "need root to enable the SANE test backend in $SANE_DLL_CONF"; exit 1
    fi
  fi
  say "enabling the SANE test backend in $SANE_DLL_CONF"
  if grep -Eq '^[[:space:]]*#[[:space:]]*test[[:space:]]*$' "$SANE_DLL_CONF"; then
    $SUDO sed -i -E 's/^[[:space:]]*#[[:space:]]*test[[:space:]]*$/test/' "$SANE_DLL_CONF"
  else
    echo test | $SUDO tee -a "$SANE_DLL_CONF" >/dev/null
  fi
fi

# --- virtual environment ---------------------------------------------------------------------------
PY="${KIOSK_PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  say "Python 3.11 or newer is required (found $("$PY" --version 2>&1))"; exit 1
fi
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $("$PY" --version)"
  "$PY" -m venv .venv
fi

# Reinstall only when the dependency declaration changed since the last successful install.
STAMP=.venv/.kiosk-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ] || [ ! -x .venv/bin/kiosk ]; then
  say "installing the kiosk package and its dependencies into .venv (editable)"
  # uv installs the same packages from PyPI as pip would, in ~10 s instead of ~40 s (pip unpacks the
  # 1.3 GB, PySide6 mostly, file by file, then byte-compiles on one core; uv links from its cache and
  # compiles on every core). Compiled here, once: left to the first import, both test workers compiled the
  # same 14 s of CPU side by side. pip stays in .venv, and takes over when uv cannot be had or fails.
  if .venv/bin/python -m pip install --quiet "uv>=0.5,<1" \
      && .venv/bin/uv pip install --quiet --compile-bytecode --python .venv/bin/python -e ".[dev]"; then
    :
  else
    say "uv could not install the packages; installing with pip instead (a minute or two)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[dev]"
  fi
  echo "$want" > "$STAMP"
fi
# The kiosk's own bytecode, once, on every core: otherwise the two test workers (and the kiosk processes the
# tests start) compile the same modules side by side on a fresh clone. Up to date: a fraction of a second.
.venv/bin/python -m compileall -q -j 0 kiosk migrations >/dev/null

# --- generated resources ---------------------------------------------------------------------------
# Compiled translations are build products: rebuild them when a .ts is newer than its .qm.
QT_TOOLS="$(.venv/bin/python -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))')"
for ts in resources/translations/*.ts; do
  [ -e "$ts" ] || continue
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    "$QT_TOOLS/lrelease" -silent "$ts" -qm "$qm"
  fi
done
say "ready: .venv/bin/kiosk"
