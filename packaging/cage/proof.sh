#!/usr/bin/env bash
# `make proof-cage`: the kiosk full screen inside cage (the Wayland kiosk compositor) with its headless
# backend, as on a kiosk's tty1 but with no screen: screenshots with grim, escape keys sent with wtype
# (Alt+F4, Ctrl+Alt+F2, Super+D, Escape, Ctrl+Q, Ctrl+W, Alt+Tab), the kiosk still there afterwards.
#
# As root it runs the *installed package* inside the Debian 12 root that `make proof-deb` left behind,
# as the package's unprivileged `kiosk` user (cage refuses to run as root, as a kiosk never does). As
# another user it runs this checkout's .venv. Screenshots land in out/proof-cage/. Ends with
# PROOF-CAGE: OK.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
say() { printf '\033[1m[proof-cage]\033[0m %s\n' "$*"; }
OUT=$PWD/out/proof-cage
mkdir -p "$OUT"
rm -f "$OUT"/*.png "$OUT"/*.log
ENV=(WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman WLR_HEADLESS_OUTPUTS=1
     QT_QPA_PLATFORM=wayland PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring ${KIOSK_PROOF_QT_ENV:-}
     LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin)

mounted=()
CAGE_PID=""
cleanup() {
    if [ -n "$CAGE_PID" ] && kill -0 "$CAGE_PID" 2>/dev/null; then
        pkill -TERM -P "$CAGE_PID" 2>/dev/null || true
        kill "$CAGE_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$CAGE_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$CAGE_PID" 2>/dev/null || true
    fi
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT

if [ "$(id -u)" = 0 ]; then
    ROOT=${KIOSK_PROOF_ROOT:-/var/tmp/kiosk-proof/deb12-root}
    [ -x "$ROOT/opt/kiosk/venv/bin/kiosk" ] || { say "no installed package in $ROOT: run make proof-deb first"; exit 1; }
    for fs in proc sys dev dev/pts dev/shm; do
        mount --bind "/$fs" "$ROOT/$fs"; mounted+=("$ROOT/$fs")
    done
    # cage and xwayland are the package's Depends, grim its Recommends; wtype only for this proof.
    chroot "$ROOT" sh -c 'command -v wtype && command -v grim && command -v Xwayland' >/dev/null \
        || chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wtype grim xwayland >/dev/null
    WORK=/tmp/proof-cage
    rm -rf "$ROOT$WORK"; mkdir -p "$ROOT$WORK/run" "$ROOT$WORK/data" "$ROOT$WORK/out"
    chroot "$ROOT" chown -R kiosk:kiosk "$WORK"
    chmod 0700 "$ROOT$WORK/run"
    KIOSK_BIN=/opt/kiosk/venv/bin/kiosk
    as_kiosk() { chroot "$ROOT" runuser -u kiosk -- env -i "${ENV[@]}" XDG_RUNTIME_DIR="$WORK/run" HOME="$WORK/data" "$@"; }
    HOST_WORK=$ROOT$WORK
    say "the installed package in $ROOT, as the kiosk user"
else
    for tool in cage grim wtype Xwayland; do
        command -v "$tool" >/dev/null || { say "needs $tool (apt-get install cage grim wtype xwayland)"; exit 1; }
    done
    WORK=$(mktemp -d /tmp/kiosk-cage.XXXXXX)
    mkdir -p "$WORK/run" "$WORK/data" "$WORK/out"; chmod 0700 "$WORK/run"
    KIOSK_BIN=$PWD/.venv/bin/kiosk
    as_kiosk() { env "${ENV[@]}" XDG_RUNTIME_DIR="$WORK/run" HOME="$WORK/data" "$@"; }
    HOST_WORK=$WORK
    say "this checkout's .venv"
fi

say "cage -d -- kiosk run --fullscreen --training (headless backend)"
as_kiosk cage -d -- "$KIOSK_BIN" --data-dir "$WORK/data" run --fullscreen --training >"$OUT/cage.log" 2>&1 &
CAGE_PID=$!
for _ in $(seq 240); do
    grep -q "kiosk running" "$OUT/cage.log" 2>/dev/null && break
    kill -0 "$CAGE_PID" 2>/dev/null || { say "cage exited"; tail -30 "$OUT/cage.log"; exit 1; }
    sleep 0.5
done
grep -q "kiosk running" "$OUT/cage.log" || { say "the kiosk did not start in 120 s"; tail -30 "$OUT/cage.log"; exit 1; }
sleep 4  # first frames drawn
KIOSK=$(pgrep -f "^[^ ]*python[^ ]* $KIOSK_BIN --data-dir $WORK/data run" | head -1 || true)
[ -n "$KIOSK" ] || KIOSK=$(pgrep -f "$KIOSK_BIN --data-dir $WORK/data run" | tail -1)
WAYLAND=$(cd "$HOST_WORK/run" && ls wayland-? | head -1)
shot() { as_kiosk env WAYLAND_DISPLAY="$WAYLAND" grim "$WORK/out/$1"; cp "$HOST_WORK/out/$1" "$OUT/$1"; }
shot before.png
say "kiosk pid $KIOSK inside cage (pid $CAGE_PID), display $WAYLAND; $OUT/before.png"

say "sending escapes with wtype"
escape() {
    local name=$1; shift
    if as_kiosk env WAYLAND_DISPLAY="$WAYLAND" timeout 10 wtype "$@" 2>>"$OUT/wtype.log"; then
        say "  $name: sent"
    else
        say "  $name: wtype failed ($(tail -1 "$OUT/wtype.log"))"
    fi
    sleep 1
}
# cage 0.1.4 (Debian 12) implements no virtual-keyboard protocol: wtype's keys are refused by the
# compositor (said below), which is itself the point: nothing but the touchscreen reaches the kiosk.
# Keys that really arrive, under a window manager, are proof-wm.sh's.
escape "Alt+F4" -M alt -k F4 -m alt
escape "Ctrl+Alt+F2 (switch VT)" -M ctrl -M alt -k F2 -m alt -m ctrl
escape "Super+D" -M logo -k d -m logo
escape "Escape" -k Escape
escape "Ctrl+Q" -M ctrl -k q -m ctrl
escape "Ctrl+W" -M ctrl -k w -m ctrl
escape "Alt+Tab" -M alt -k Tab -m alt
sleep 2
kill -0 "$KIOSK" 2>/dev/null || { say "FAILED: the kiosk is gone after the escapes"; tail -20 "$OUT/cage.log"; exit 1; }
kill -0 "$CAGE_PID" 2>/dev/null || { say "FAILED: cage is gone after the escapes"; exit 1; }
shot after.png
say "kiosk pid $KIOSK still running after the escapes; $OUT/after.png"
python3 - "$OUT/before.png" "$OUT/after.png" <<'PY'
import struct, sys
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        width, height = struct.unpack(">II", f.read(24)[16:24])
    print(f"  {path}: {width}x{height}")
PY
say "PROOF-CAGE: OK"
