#!/usr/bin/env bash
# `make deb`: dist/kiosk-dichvucong_<version>_amd64.deb, built from this checkout.
#
# The kiosk and every Python dependency go into a virtual environment at /opt/kiosk/venv made with
# Debian 12's own python3.11, so the package needs nothing from PyPI on the kiosk. The environment is
# built in a staging folder and its paths rewritten to /opt/kiosk (as dh-virtualenv does); byte code is
# compiled with the final paths. System libraries are the package's Depends.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
say() { printf '\033[1m[deb]\033[0m %s\n' "$*"; }

PYTHON=/usr/bin/python3.11
PREFIX=/opt/kiosk
BUILD=$ROOT/build/deb
STAGE=$BUILD/root
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
OUT=$ROOT/dist/kiosk-dichvucong_${VERSION}_amd64.deb

[ -x "$PYTHON" ] || { say "needs $PYTHON (Debian 12's python3.11)"; exit 1; }
rm -rf "$BUILD"
mkdir -p "$STAGE$PREFIX" "$BUILD/wheel" "$ROOT/dist"

say "wheel of the kiosk (with resources and migrations inside)"
"$PYTHON" -m venv "$BUILD/tools"
"$BUILD/tools/bin/pip" install --quiet --disable-pip-version-check --upgrade build "setuptools>=77" wheel
rm -rf build/lib build/bdist.* kiosk.egg-info/SOURCES.txt
"$BUILD/tools/bin/python" -m build --wheel --no-isolation --outdir "$BUILD/wheel" . >"$BUILD/wheel.log" 2>&1 \
    || { tail -30 "$BUILD/wheel.log"; exit 1; }
WHEEL=$(ls "$BUILD"/wheel/kiosk-*.whl)
for inside in kiosk/_resources/qml/Main.qml kiosk/_resources/translations/kiosk_en.qm \
        kiosk/_resources/guides/guides.json kiosk/_migrations/env.py; do
    "$PYTHON" -c "import sys, zipfile; sys.exit(0 if '$inside' in zipfile.ZipFile('$WHEEL').namelist() else 1)" \
        || { say "the wheel lacks $inside"; exit 1; }
done

say "self-contained environment under $PREFIX/venv"
"$PYTHON" -m venv "$STAGE$PREFIX/venv"
"$STAGE$PREFIX/venv/bin/pip" install --quiet --disable-pip-version-check --no-compile "$WHEEL"
# Qt parts the kiosk never loads (a browser engine, 3D, designer tools): tens of MB each.
QT="$STAGE$PREFIX/venv/lib/python3.11/site-packages/PySide6"
rm -rf "$QT"/Qt/lib/libQt6WebEngine* "$QT"/Qt/libexec/QtWebEngineProcess "$QT"/Qt/resources/qtwebengine* \
    "$QT"/Qt/translations/qtwebengine_locales "$QT"/QtWebEngine*.abi3.so "$QT"/Qt/lib/libQt63D* \
    "$QT"/Qt3D*.abi3.so "$QT"/designer "$QT"/assistant "$QT"/linguist "$QT"/Designer "$QT"/Assistant \
    "$QT"/Linguist "$QT"/examples "$QT"/include "$STAGE$PREFIX/venv/lib/python3.11/site-packages/pip" \
    2>/dev/null || true
# Paths of the staging folder -> the installed ones.
grep -rlI --null "$STAGE" "$STAGE$PREFIX/venv" | xargs -0 -r sed -i "s#$STAGE##g"
"$STAGE$PREFIX/venv/bin/python" -m compileall -q -j 2 -s "$STAGE" -p / "$STAGE$PREFIX/venv/lib" >/dev/null || true
cp README.md "$STAGE$PREFIX/README.md"

say "command, settings, systemd units"
install -D -m 0755 packaging/deb/kiosk-wrapper.sh "$STAGE/usr/bin/kiosk"
install -D -m 0644 packaging/deb/kiosk.toml "$STAGE/etc/kiosk/kiosk.toml"
for unit in packaging/deb/systemd/*; do
    install -D -m 0644 "$unit" "$STAGE/lib/systemd/system/$(basename "$unit")"
done

say "control files"
mkdir -p "$STAGE/DEBIAN"
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@SIZE@/$SIZE/" packaging/deb/debian/control.in >"$STAGE/DEBIAN/control"
install -m 0755 packaging/deb/debian/postinst packaging/deb/debian/prerm packaging/deb/debian/postrm "$STAGE/DEBIAN/"
echo /etc/kiosk/kiosk.toml >"$STAGE/DEBIAN/conffiles"

say "packing (gzip -1: Debian 12's dpkg reads it, and it is quick on two cores)"
dpkg-deb --root-owner-group -Zgzip -z1 --build "$STAGE" "$OUT" >/dev/null
say "built $OUT ($(du -h "$OUT" | cut -f1), installed size $((SIZE / 1024)) MiB)"
