#!/bin/sh
# /usr/bin/kiosk: the installed kiosk's command, with the installed kiosk's settings and keyring.
# Run by root, it runs as the `kiosk` user, so files it makes in /var/lib/kiosk stay the kiosk's.
export KIOSK_CONFIG="${KIOSK_CONFIG:-/var/lib/kiosk/kiosk.toml}"
export PYTHON_KEYRING_BACKEND="${PYTHON_KEYRING_BACKEND:-keyring.backends.fail.Keyring}"
# `kiosk update` installs packages: it stays root (its health check runs `kiosk` as the kiosk user).
if [ "$(id -u)" = 0 ] && [ "${1:-}" != update ] && [ -z "${KIOSK_AS_ROOT:-}" ] && getent passwd kiosk >/dev/null; then
    exec runuser -u kiosk -- /opt/kiosk/venv/bin/kiosk "$@"
fi
exec /opt/kiosk/venv/bin/kiosk "$@"
