#!/usr/bin/env bash
# `make proof-cage`: the kiosk full screen inside cage (the Wayland kiosk compositor) with its headless
# backend, as on a kiosk's tty1 but with no screen: screenshots with grim, escape keys sent with wtype
# (Alt+F4, Ctrl+Alt+F2, Super+D, Escape, Ctrl+Q, Ctrl+W, Alt+Tab), the kiosk still there afterwards.
# Screenshots land in out/proof-cage/. Prints PROOF-CAGE: OK at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
say() { printf '\033[1m[proof-cage]\033[0m %s\n' "$*"; }
# cage 0.1.4 (Debian 12) will not start without the Xwayland binary, even for a Wayland-only client.
for tool in cage grim wtype Xwayland; do
    package=$tool; [ "$tool" = Xwayland ] && package=xwayland
    command -v "$tool" >/dev/null || { say "installing $package"; apt-get install -y -qq "$package" >/dev/null; }
done

OUT=out/proof-cage
WORK=$(mktemp -d /tmp/kiosk-cage.XXXXXX)
mkdir -p "$OUT" "$WORK/run" "$WORK/data"
chmod 0700 "$WORK/run"
chmod 0755 "$WORK"
# cage refuses to run as root, as a kiosk's session never does: run it as an unprivileged user.
AS=()
if [ "$(id -u)" = 0 ]; then
    id kiosk-proof >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin kiosk-proof
    chown kiosk-proof: "$WORK/run" "$WORK/data"
    AS=(runuser -u kiosk-proof --)
fi
export XDG_RUNTIME_DIR=$WORK/run
export WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman WLR_HEADLESS_OUTPUTS=1
export QT_QPA_PLATFORM=wayland QT_QUICK_BACKEND=software QT_WAYLAND_DISABLE_WINDOWDECORATION=1
export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring
unset DISPLAY WAYLAND_DISPLAY
CAGE_PID=""
cleanup() {
    if [ -n "$CAGE_PID" ] && kill -0 "$CAGE_PID" 2>/dev/null; then
        kill "$CAGE_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$CAGE_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$CAGE_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

say "cage (headless) running: kiosk run --fullscreen --training"
"${AS[@]}" env XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" HOME="$WORK/data" cage -d -- "$PWD/.venv/bin/kiosk" \
    --data-dir "$WORK/data" run --fullscreen --training >"$OUT/cage.log" 2>&1 &
CAGE_PID=$!

# The compositor's socket, then the kiosk's first frame (bounded waits).
for _ in $(seq 100); do
    WAYLAND_DISPLAY=$(cd "$XDG_RUNTIME_DIR" && ls wayland-* 2>/dev/null | grep -v lock | head -1 || true)
    [ -n "$WAYLAND_DISPLAY" ] && break
    sleep 0.1
done
[ -n "$WAYLAND_DISPLAY" ] || { say "cage did not start"; cat "$OUT/cage.log"; exit 1; }
export WAYLAND_DISPLAY
kiosk_pid() { pgrep -f "bin/kiosk --data-dir $WORK/data run" | grep -v "^$CAGE_PID\$" | tail -1; }
for _ in $(seq 120); do
    if grep -q "kiosk running" "$OUT/cage.log" 2>/dev/null; then break; fi
    kill -0 "$CAGE_PID" 2>/dev/null || { say "cage exited"; cat "$OUT/cage.log"; exit 1; }
    sleep 0.5
done
sleep 3  # first frames drawn
KIOSK=$(kiosk_pid)
[ -n "$KIOSK" ] || { say "no kiosk process under cage"; cat "$OUT/cage.log"; exit 1; }
grim "$OUT/before.png"
say "kiosk pid $KIOSK under cage pid $CAGE_PID; screenshot $OUT/before.png"

say "sending escapes"
escape() { say "  $1"; shift; timeout 10 wtype "$@" 2>>"$OUT/wtype.log" || echo "    (wtype: $(tail -1 "$OUT/wtype.log"))"; sleep 1; }
escape "Alt+F4" -M alt -k F4 -m alt
escape "Ctrl+Alt+F2 (VT switch)" -M ctrl -M alt -k F2 -m alt -m ctrl
escape "Super+D" -M logo -k d -m logo
escape "Escape" -k Escape
escape "Ctrl+Q" -M ctrl -k q -m ctrl
escape "Ctrl+W" -M ctrl -k w -m ctrl
escape "Alt+Tab" -M alt -k Tab -m alt
sleep 2
grim "$OUT/after.png"

kill -0 "$KIOSK" 2>/dev/null || { say "FAILED: the kiosk is gone"; tail -20 "$OUT/cage.log"; exit 1; }
say "kiosk pid $KIOSK still running; screenshot $OUT/after.png"
python3 - "$OUT/before.png" "$OUT/after.png" <<'PY'
import struct, sys, zlib
def size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24])
for path in sys.argv[1:]:
    print(f"{path}: {size(path)[0]}x{size(path)[1]}")
PY
grep -q "closing it was refused" "$OUT/cage.log" && say "the window refused a close request" || true
say "PROOF-CAGE: OK"
