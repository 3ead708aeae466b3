"""Secrets never in URLs or `config show`; texts from outside never forge log lines or drive a terminal."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config, mask_url_secrets
from kiosk.logs import escape_control, setup_logging


@pytest.mark.parametrize(
    ("variable", "url", "message"),
    [
        ("KIOSK_PORTAL__URL", "https://portal.example.vn/api?api_key=s3cr3tvalue", r"portal\.url .*api_key"),
        ("KIOSK_PORTAL__URL", "https://portal.example.vn/api?x=1&Access-Token=s3cr3tvalue", "Access-Token"),
        ("KIOSK_PORTAL__URL", "https://kiosk:s3cr3tvalue@portal.example.vn", "password"),
        ("KIOSK_PORTAL__URL", "https://s3cr3tvalue@portal.example.vn", "user name or token"),
        ("KIOSK_DATABASE_URL", "postgresql://kiosk@db/kiosk?password=s3cr3tvalue", "database_url .*password"),
    ],
)
def test_secrets_in_urls_are_refused_without_repeating_them(variable: str, url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(environ={variable: url})
    assert "s3cr3tvalue" not in str(caught.value)


def test_plain_urls_are_still_accepted() -> None:
    config = load_config(environ={"KIOSK_PORTAL__URL": "https://portal.example.vn/api?lang=vi",
                                  "KIOSK_DATABASE_URL": "postgresql://kiosk@db/kiosk?sslmode=require"})
    assert config.portal.url.endswith("?lang=vi")


def test_mask_url_secrets() -> None:
    assert mask_url_secrets("https://u:pw@h.vn/a?token=t&lang=vi") == "https://u:***@h.vn/a?token=***&lang=vi"
    assert mask_url_secrets("sandbox") == "sandbox"
    assert mask_url_secrets("sqlite:////var/lib/kiosk/kiosk.db") == "sqlite:////var/lib/kiosk/kiosk.db"


def test_config_show_from_the_command_line_refuses_and_never_prints_the_secret(tmp_path: Path) -> None:
    env = {**os.environ, "KIOSK_PORTAL__URL": "https://portal.example.vn/?apikey=s3cr3tvalue"}
    run = subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path), "config", "show"],
                         capture_output=True, text=True, env=env, timeout=60, check=False)
    assert run.returncode == 2
    assert "apikey" in run.stderr
    assert "s3cr3tvalue" not in run.stdout + run.stderr


def test_escape_control_makes_every_control_visible() -> None:
    hostile = "bad form\n2026-12-03 10:00:00 INFO kiosk: forged\x1b[2J\x1b]0;title\x07\u202eevil\r\x9b"
    escaped = escape_control(hostile)
    assert "\n" not in escaped and "\x1b" not in escaped and "\u202e" not in escaped and "\x9b" not in escaped
    assert escaped.startswith("bad form\\n2026") and "\\x1b[2J" in escaped
    assert escape_control("Tiếng Việt có dấu") == "Tiếng Việt có dấu"


def test_a_portal_text_cannot_forge_a_log_line(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path, "INFO", console=False)
    try:
        logging.getLogger("kiosk.sync").warning(
            "portal refused: %s", "422 bad\n2026-12-03 10:00:00,000 INFO kiosk.staff: staff.verify.ok\x1b[8m")
        try:
            raise ValueError("boom\x1b[31m")
        except ValueError:
            logging.getLogger("kiosk.sync").exception("failed")
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
    text = log_file.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert sum("staff.verify.ok" in line for line in lines) == 1
    assert not any(line.startswith("2026-12-03 10:00:00,000") for line in lines)
    assert "\x1b" not in text


def test_outbox_status_escapes_portal_texts_on_the_terminal(tmp_path: Path) -> None:
    from kiosk.app import open_outbox

    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    outbox = open_outbox(load_config(None, data_dir=tmp_path, environ={}))
    entry = outbox.for_dossier(outbox.enqueue("k-1", "1.001193.000.00.00.H26", {"answers": {}}))
    outbox.mark_sending(entry.id)
    outbox.mark_failed(entry.id, "422 sai\n99  sent  forged\x1b[2J\x1b]0;pwned\x07", permanent=True)
    run = subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path), "outbox", "status"],
                         capture_output=True, text=True, env=env, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "forged" in run.stdout and not any(line.startswith("99") for line in run.stdout.splitlines())
