#!/usr/bin/env bash
# `make proof-deb`: install the built package in a fresh Debian 12 root and check it works there.
#
# A minimal Debian 12 (debootstrap, made once and kept in $KIOSK_PROOF_BASE) is copied afresh for each
# run; apt installs the .deb with its Depends from Debian; then, inside that root: the unit files pass
# `systemd-analyze verify`, `kiosk db upgrade` and `kiosk db current` work as the kiosk user, the native
# libraries load, the whole citizen flow runs offscreen from the package (`kiosk demo`), and installing
# the same package again (an upgrade) keeps the data. Needs root. Prints PROOF-DEB: OK at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
say() { printf '\033[1m[proof-deb]\033[0m %s\n' "$*"; }
[ "$(id -u)" = 0 ] || { say "needs root (chroot, mounts)"; exit 1; }

BASE=${KIOSK_PROOF_BASE:-/var/tmp/kiosk-proof/deb12-base}
WORK=${KIOSK_PROOF_ROOT:-/var/tmp/kiosk-proof/deb12-root}
MIRROR=${KIOSK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEB=$(ls -t dist/kiosk-dichvucong_*_amd64.deb 2>/dev/null | head -1 || true)
[ -n "$DEB" ] || { say "no package in dist/: run make deb first"; exit 1; }

if [ ! -x "$BASE/usr/bin/apt-get" ]; then
    command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
    say "making a minimal Debian 12 in $BASE (once)"
    mkdir -p "$(dirname "$BASE")"
    debootstrap --variant=minbase bookworm "$BASE" "$MIRROR" >/dev/null
fi

say "fresh copy of the Debian 12 root: $WORK"
rm -rf "$WORK"
cp -a "$BASE" "$WORK"
mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
for fs in proc sys dev dev/pts; do
    mount --bind "/$fs" "$WORK/$fs"
    mounted+=("$WORK/$fs")
done
cp /etc/resolv.conf "$WORK/etc/resolv.conf"
# Services are not started inside a chroot.
printf '#!/bin/sh\nexit 101\n' >"$WORK/usr/sbin/policy-rc.d"
chmod +x "$WORK/usr/sbin/policy-rc.d"
cp "$DEB" "$WORK/tmp/kiosk.deb"
in_root() { chroot "$WORK" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }

say "apt-get install ./$(basename "$DEB") (with its Depends from Debian)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/kiosk.deb systemd >/tmp/kiosk-proof-apt.log 2>&1 \
    || { tail -30 /tmp/kiosk-proof-apt.log; exit 1; }
in_root dpkg-query -W -f='installed: ${Package} ${Version} ${Status}\n' kiosk-dichvucong

say "systemd-analyze verify (inside the root)"
in_root systemd-analyze verify /lib/systemd/system/kiosk-ui.service /lib/systemd/system/kiosk-worker.service \
    /lib/systemd/system/kiosk-purge.service /lib/systemd/system/kiosk-purge.timer
echo "systemd-analyze verify: exit $?"
in_root sh -c 'ls -l /etc/systemd/system/*.wants/kiosk-* 2>/dev/null | sed "s/.* \/etc/\/etc/"'

say "the kiosk user, its folders, the database"
in_root id kiosk
in_root stat -c '%A %U %n' /var/lib/kiosk /var/lib/kiosk/data /var/log/kiosk /var/lib/kiosk/kiosk.toml
in_root kiosk version
in_root kiosk db upgrade
in_root kiosk db current

say "kiosk enrol (a training kiosk), twice: the second run changes nothing"
cat >"$WORK/tmp/provisioning.toml" <<'TOML'
kiosk_id = "PROOF-01"
training = true

[portal]
url = "sandbox"
unit_code = "000.00.00.H26"

[operator]
id = "op.proof"
name = "Kiểm Thử"
pin = "582914"
TOML
in_root chown kiosk:kiosk /tmp/provisioning.toml
in_root chmod 0600 /tmp/provisioning.toml
in_root kiosk enrol /tmp/provisioning.toml
in_root kiosk enrol /tmp/provisioning.toml
in_root stat -c '%A %U %n' /var/lib/kiosk/data/enrolment.json /var/lib/kiosk/data-keys/keyring.json

say "kiosk doctor (devices not opened in a chroot)"
in_root kiosk doctor --no-devices || echo "(doctor exit $?: see the lines above)"

say "native libraries load from the package"
in_root runuser -u kiosk -- /opt/kiosk/venv/bin/python -c \
    'import PySide6.QtQuick, cv2, sane, zxingcpp, psycopg; print("imports ok: Qt", PySide6.__version__, "OpenCV", cv2.__version__)'
in_root runuser -u kiosk -- /opt/kiosk/venv/bin/python -c \
    'from kiosk.paths import bundled_dir; r = bundled_dir("resources"); print("resources:", r, sorted(p.name for p in r.iterdir()))'

say "the citizen flow offscreen, from the package (kiosk demo)"
in_root runuser -u kiosk -- env KIOSK_CONFIG=/var/lib/kiosk/kiosk.toml \
    PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software \
    timeout 600 /opt/kiosk/venv/bin/kiosk demo --portrait --screenshots /tmp/demo >/tmp/kiosk-proof-demo.log 2>&1 \
    || { tail -20 /tmp/kiosk-proof-demo.log; exit 1; }
shots=$(ls "$WORK/tmp/demo"/*.png | wc -l)
echo "demo screenshots: $shots"
mkdir -p out/proof-deb && cp "$WORK"/tmp/demo/*.png out/proof-deb/ 2>/dev/null || true

say "installing the same package again (the upgrade path) keeps data and schema"
in_root dpkg -i /tmp/kiosk.deb >/dev/null
in_root kiosk db current
in_root dpkg-query -W -f='after reinstall: ${Package} ${Version} ${Status}\n' kiosk-dichvucong
say "PROOF-DEB: OK"
