#!/usr/bin/env bash
# Part of `make proof-cage`: the same kiosk under a desktop window manager (Xvfb + openbox), where
# Alt+F4 really is delivered (xdotool) and turns into a close request: the window must refuse it.
# Uses this checkout's .venv. Screenshots in out/proof-cage/wm-*.png. Ends with PROOF-WM: OK.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
say() { printf '\033[1m[proof-wm]\033[0m %s\n' "$*"; }
for tool in Xvfb openbox xdotool xdpyinfo; do
    command -v "$tool" >/dev/null || { say "needs $tool (apt-get install xvfb openbox xdotool x11-utils)"; exit 1; }
done
OUT=$PWD/out/proof-cage
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/kiosk-wm.XXXXXX)
DISPLAY_NUM=:$((90 + RANDOM % 9))
pids=()
cleanup() {
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
    sleep 0.5
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
Xvfb "$DISPLAY_NUM" -screen 0 1080x1920x24 -nolisten tcp >"$OUT/wm-xvfb.log" 2>&1 & pids+=($!)
export DISPLAY=$DISPLAY_NUM
shot() { .venv/bin/python -c "import sys; from PIL import ImageGrab; ImageGrab.grab(xdisplay='$DISPLAY_NUM').save(sys.argv[1])" "$OUT/$1"; }
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$OUT/wm-openbox.log" 2>&1 & pids+=($!)
sleep 1
QT_QPA_PLATFORM=xcb PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring \
    .venv/bin/kiosk --data-dir "$WORK/data" run --fullscreen --training >"$OUT/wm-kiosk.log" 2>&1 & pids+=($!)
KIOSK=${pids[-1]}
for _ in $(seq 240); do grep -q "kiosk running" "$OUT/wm-kiosk.log" && break; sleep 0.5; done
sleep 3
WINDOW=$(xdotool search --pid "$KIOSK" --onlyvisible --name "Kiosk" | head -1)
[ -n "$WINDOW" ] || { say "no kiosk window"; tail "$OUT/wm-kiosk.log"; exit 1; }
say "window $WINDOW: $(xdotool getwindowgeometry "$WINDOW" | tr '\n' ' ')"
shot wm-before.png
xdotool windowactivate --sync "$WINDOW" 2>/dev/null || true
for keys in alt+F4 ctrl+q ctrl+w Escape alt+Tab super+d; do  # last: Super+D ("show desktop")
    xdotool key --clearmodifiers "$keys"
    say "  sent $keys"
    sleep 1
done
sleep 1
shot wm-after.png
kill -0 "$KIOSK" 2>/dev/null || { say "FAILED: the kiosk is gone"; tail "$OUT/wm-kiosk.log"; exit 1; }
refused=$(grep -c "request to close it was refused" "$OUT/wm-kiosk.log" || true)
restored=$(grep -c "shown full screen again" "$OUT/wm-kiosk.log" || true)
say "kiosk still running; close requests refused: $refused; minimised and shown again: $restored"
state=$(xprop -id "$WINDOW" _NET_WM_STATE 2>/dev/null || true)
say "window state now: ${state#*= }"
[ "$refused" -ge 1 ] || { say "FAILED: no close request reached the window (was Alt+F4 delivered?)"; exit 1; }
brightness=$(.venv/bin/python -c "from PIL import Image; im = Image.open('$OUT/wm-after.png').convert('L').resize((8, 8)); print(int(sum(im.tobytes()) / 64))")
say "mean brightness of the screen after the escapes: $brightness (0 = black: the kiosk hidden)"
[ "$brightness" -ge 40 ] || { say "FAILED: the screen is black after the escapes"; exit 1; }
say "PROOF-WM: OK"
