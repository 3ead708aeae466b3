"""The `kiosk` command: its JSON contracts, exit statuses and messages, in-process and as a real process.

Every test keeps its data in its own folder and uses the owner-only file keyring (as a headless kiosk
does), so nothing touches the machine's real kiosk data, config or OS keyring.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import types
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.app import keyring_fallback_file, open_outbox
from kiosk.cli import main
from kiosk.commands.run import display_problem
from kiosk.config import load_config
from kiosk.portal.models import Catalogue
from kiosk.sandbox.catalogue import load_seed_catalogue
from kiosk.sandbox.samples import sample_submission
from kiosk.store.db import head_revision
from tests.isolation import isolated_from_the_machine

REPO = Path(__file__).resolve().parent.parent
CARDS = REPO / "resources" / "samples" / "cards"
FRONT = CARDS / "01_nguyen_van_an_front.png"
FRONT_NGOC = CARDS / "03_tran_thi_bich_ngoc_front.png"
EMPTY_DESK = CARDS / "91_empty_desk.png"
MARITAL_STATUS = "1.004873.000.00.00.H26"
DOSSIER_CODE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}")
OK_KEYS = {
    "file", "ok", "source", "id_number", "old_id_number", "full_name", "date_of_birth", "sex", "address",
    "issue_date", "expiry_date", "warnings", "elapsed_ms", "document",  # document: null for a Vietnamese card
    "warning_codes",  # the warnings' stable codes, beside their English words
}


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    with isolated_from_the_machine(monkeypatch, tmp_path):
        yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def subprocess_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return env


def kiosk_process(tmp_path: Path, *argv: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=subprocess_env(tmp_path),
        cwd=REPO,
        timeout=120,
        **kwargs,
    )


# --- kiosk idcard read ----------------------------------------------------------------------------------


def test_idcard_read_json_reads_a_front_card(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run_cli(capsys, "idcard", "read", FRONT, "--json", "--data-dir", data_dir)

    assert code == 0
    [record] = json_lines(out)
    assert set(record) == OK_KEYS
    assert record["file"] == str(FRONT)
    assert record["ok"] is True
    assert record["source"] == "qr"
    assert record["id_number"] == "001089012345"
    assert record["old_id_number"] == "123456789"
    assert record["full_name"] == unicodedata.normalize("NFC", "Nguyễn Văn An")
    assert unicodedata.is_normalized("NFC", record["full_name"])
    assert record["date_of_birth"] == "1989-07-15"
    assert record["sex"] == "M"
    assert record["issue_date"] == "2021-05-20"
    assert record["warnings"] == []
    assert isinstance(record["elapsed_ms"], float)
    assert record["elapsed_ms"] == round(record["elapsed_ms"], 1)
    # ensure_ascii=False: Vietnamese stays readable on the line itself.
    assert "Nguyễn Văn An" in out


def test_idcard_read_json_reports_an_image_without_a_card(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run_cli(capsys, "idcard", "read", "--json", EMPTY_DESK, "--data-dir", data_dir)

    assert code == 1
    [record] = json_lines(out)
    assert set(record) == {"file", "ok", "error", "error_code", "elapsed_ms"}
    assert record["ok"] is False
    assert record["error_code"] == "no_code_found"
    assert "No QR code" in record["error"]
    assert record["elapsed_ms"] >= 0


def test_idcard_read_json_reports_a_file_that_is_not_an_image(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("không phải ảnh\n", encoding="utf-8")

    code, out, _ = run_cli(capsys, "idcard", "read", "--json", text_file, "--data-dir", data_dir)

    assert code == 1
    [record] = json_lines(out)
    assert record == {**record, "file": str(text_file), "ok": False, "error_code": "unreadable_image"}
    assert "could not be opened" in record["error"]


def test_idcard_read_keeps_the_input_order_and_fails_if_any_image_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    missing = tmp_path / "missing.png"
    files = [FRONT_NGOC, EMPTY_DESK, FRONT, missing]

    code, out, _ = run_cli(capsys, "idcard", "read", "--json", *files, "--data-dir", data_dir)

    assert code == 1
    records = json_lines(out)
    assert [r["file"] for r in records] == [str(f) for f in files]
    assert [r["ok"] for r in records] == [True, False, True, False]
    assert records[0]["full_name"] == "Trần Thị Bích Ngọc"
    assert records[0]["old_id_number"] is None
    assert records[2]["id_number"] == "001089012345"


def test_idcard_read_without_json_prints_one_readable_line_per_image(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run_cli(capsys, "idcard", "read", FRONT, EMPTY_DESK, "--data-dir", data_dir)

    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{FRONT}: đọc được (QR")
    assert "001089012345" in lines[0] and "Nguyễn Văn An" in lines[0] and "Giới tính Nam" in lines[0]
    assert lines[1].startswith(f"{EMPTY_DESK}: KHÔNG ĐỌC ĐƯỢC")


def test_idcard_read_without_images_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "idcard", "read", "--json")

    assert code == 2
    assert out == ""
    assert "IMAGE" in err


def test_idcard_read_as_a_real_process(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello", encoding="utf-8")

    good = kiosk_process(tmp_path, "idcard", "read", "--json", FRONT, "--data-dir", tmp_path / "data")
    mixed = kiosk_process(
        tmp_path, "idcard", "read", "--json", text_file, FRONT, EMPTY_DESK, "--data-dir", tmp_path / "data"
    )

    assert good.returncode == 0, good.stderr
    [record] = json_lines(good.stdout)
    assert record["ok"] is True
    assert record["id_number"] == "001089012345"
    assert record["full_name"] == "Nguyễn Văn An"
    assert mixed.returncode == 1, mixed.stderr
    assert [(r["file"], r["ok"]) for r in json_lines(mixed.stdout)] == [
        (str(text_file), False), (str(FRONT), True), (str(EMPTY_DESK), False)
    ]
    # Nothing personal in the log: the CLI's output is for the operator's eyes, not the log file.
    log_text = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "001089012345" not in log_text and "Nguyễn" not in log_text


def test_commands_other_than_run_and_demo_do_not_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kiosk.cli import main\n"
        f"data = {str(tmp_path / 'data')!r}\n"
        f"main(['idcard', 'read', '--json', {str(FRONT)!r}, '--data-dir', data])\n"
        "main(['db', 'current', '--json', '--data-dir', data])\n"
        "main(['config', 'show', '--data-dir', data])\n"
        "main(['outbox', 'status', '--json', '--data-dir', data])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'kiosk.ui')))\n"
        "print('QT-MODULES', loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
        env=subprocess_env(tmp_path), cwd=REPO, timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "QT-MODULES []"


# --- kiosk db -------------------------------------------------------------------------------------------


def test_db_upgrade_then_current_is_up_to_date(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    head = head_revision()

    code, out, _ = run_cli(capsys, "db", "current", "--json", "--data-dir", data_dir)
    assert code == 0
    assert json.loads(out) == {"current": None, "head": head, "up_to_date": False}
    assert not (data_dir / "kiosk.db").exists()  # asking does not create the database

    code, out, _ = run_cli(capsys, "db", "upgrade", "--data-dir", data_dir)
    assert code == 0
    assert out.strip() == head

    code, out, _ = run_cli(capsys, "db", "current", "--json", "--data-dir", data_dir)
    assert code == 0
    assert json.loads(out) == {"current": head, "head": head, "up_to_date": True}

    code, out, _ = run_cli(capsys, "db", "current", "--data-dir", data_dir)
    assert code == 0
    assert f"current: {head}" in out and "up to date" in out


# --- kiosk config show and the global options -----------------------------------------------------------


def test_config_show_prints_the_effective_settings(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run_cli(
        capsys, "config", "show", "--data-dir", data_dir, "--portal", "https://dichvucong.example/api",
        "--log-level", "debug",
    )

    assert code == 0
    settings = json.loads(out)
    assert settings["data_dir"] == str(data_dir)
    assert settings["log_dir"] == str(data_dir / "logs")
    assert settings["database_url"] == f"sqlite:///{data_dir / 'kiosk.db'}"
    assert settings["portal"]["url"] == "https://dichvucong.example/api"
    assert settings["log_level"] == "DEBUG"
    assert settings["camera"] == {"source": "samples", "document_source": "documents",
                                  "scanner_device": "auto"}
    assert settings["config_file"] is None


def test_global_options_work_before_and_after_the_subcommand(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _, before, _ = run_cli(capsys, "--data-dir", data_dir, "--portal", "sandbox", "config", "show")
    _, after, _ = run_cli(capsys, "config", "show", "--data-dir", data_dir, "--portal", "sandbox")

    assert json.loads(before) == json.loads(after)
    assert json.loads(before)["data_dir"] == str(data_dir)


def test_config_file_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path) -> None:
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text('kiosk_id = "buu-dien-ha-noi-01"\n[ui]\nidle_timeout_s = 120\n', encoding="utf-8")

    code, out, _ = run_cli(capsys, "config", "show", "--config", config_file, "--data-dir", data_dir)

    assert code == 0
    settings = json.loads(out)
    assert settings["kiosk_id"] == "buu-dien-ha-noi-01"
    assert settings["ui"]["idle_timeout_s"] == 120
    assert settings["config_file"] == str(config_file)


def test_unknown_config_key_exits_2_with_a_one_line_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text('[portal]\nurl = "sandbox"\ncolour = "red"\n', encoding="utf-8")

    code, out, err = run_cli(capsys, "config", "show", "--config", config_file, "--data-dir", data_dir)

    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("kiosk: configuration error:")
    assert "unknown key in [portal] 'colour'" in err


def test_bad_portal_url_and_missing_config_file_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    code, _, err = run_cli(capsys, "db", "current", "--portal", "ftp://portal", "--data-dir", data_dir)
    assert code == 2
    assert 'portal.url must be "sandbox" or an http(s) URL' in err

    code, _, err = run_cli(capsys, "config", "show", "--config", tmp_path / "nope.toml")
    assert code == 2
    assert "config file not found" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["db"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["worker", "--interval", "0"]) == 2
    assert main(["config", "show", "--log-level", "chatty"]) == 2
    assert main(["demo"]) == 2  # --screenshots is required
    capsys.readouterr()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "version")

    assert code == 0
    assert re.fullmatch(r"kiosk \d+\.\d+\.\d+\S*\n", out)


# --- kiosk run without a display ------------------------------------------------------------------------


def test_run_without_a_display_says_so_and_points_to_the_demo(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)

    code, out, err = run_cli(capsys, "run", "--data-dir", data_dir)

    assert code == 1
    assert out == ""
    assert "không có màn hình" in err
    assert "no display" in err
    assert "kiosk demo --screenshots DIR" in err
    assert "xvfb-run .venv/bin/kiosk run" in err


def test_display_problem_follows_the_qt_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert display_problem({}) is not None
    assert display_problem({"DISPLAY": ":0"}) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem({"QT_QPA_PLATFORM": "eglfs"}) is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}) is not None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"}) is None
    assert display_problem({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}) is not None


# --- kiosk outbox status and kiosk worker ---------------------------------------------------------------


def test_outbox_status_on_an_empty_data_dir(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run_cli(capsys, "outbox", "status", "--json", "--data-dir", data_dir)

    assert code == 0
    status = json.loads(out)
    assert status["entries"] == []
    assert status["counts"] == {"queued": 0, "sending": 0, "sent": 0, "duplicate": 0, "failed": 0}

    code, out, _ = run_cli(capsys, "outbox", "status", "--data-dir", data_dir)
    assert code == 0
    assert "queued: 0" in out and "empty" in out


def _enqueue_marital_status_dossier(data_dir: Path, key: str) -> str:
    catalogue = Catalogue.from_json(json.loads(load_seed_catalogue().body))
    procedure = catalogue.find(MARITAL_STATUS)
    assert procedure is not None
    sample = sample_submission(procedure)
    assert sample.documents == ()  # no mandatory documents: the outbox payload alone makes a valid dossier
    outbox = open_outbox(load_config(data_dir=data_dir))
    return outbox.enqueue(key, MARITAL_STATUS, {"applicant": sample.applicant, "answers": sample.answers})


def test_worker_once_sends_a_queued_dossier_to_the_sandbox(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    dossier_id = _enqueue_marital_status_dossier(data_dir, "cli-test-0001")

    code, out, _ = run_cli(capsys, "outbox", "status", "--json", "--data-dir", data_dir)
    [entry] = json.loads(out)["entries"]
    assert entry["client_status"] == "queued"
    assert entry["dossier_code"] is None

    code, out, _ = run_cli(capsys, "worker", "--once", "--data-dir", data_dir)
    assert code == 0
    assert json.loads(out) == {"sent": 1, "failed": 0, "remaining": 0}

    code, out, _ = run_cli(capsys, "outbox", "status", "--json", "--data-dir", data_dir)
    assert code == 0
    status = json.loads(out)
    assert status["counts"]["sent"] == 1 and status["counts"]["queued"] == 0
    [entry] = status["entries"]
    assert isinstance(entry["id"], str)
    assert entry["dossier_id"] == dossier_id
    assert entry["idempotency_key"] == "cli-test-0001"
    assert entry["procedure_code"] == MARITAL_STATUS
    assert entry["client_status"] == "sent"
    assert DOSSIER_CODE.fullmatch(entry["dossier_code"])
    assert entry["dossier_code"].startswith("000.00.00.H26-")
    assert entry["attempts"] == 0
    assert entry["last_error"] is None
    # The key was kept in the owner-only file beside the data folder, not inside it.
    assert keyring_fallback_file(load_config(data_dir=data_dir)).is_file()

    code, out, _ = run_cli(capsys, "outbox", "status", "--data-dir", data_dir)
    assert entry["dossier_code"] in out and "sent: 1" in out

    # Nothing left to do: a second round sends nothing.
    code, out, _ = run_cli(capsys, "worker", "--once", "--data-dir", data_dir)
    assert json.loads(out) == {"sent": 0, "failed": 0, "remaining": 0}


def test_worker_once_counts_a_failure_when_the_portal_is_down(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each call still tries three times, with short pauses (the default 0.5 s, 1 s are for a real portal).
    monkeypatch.setenv("KIOSK_PORTAL__RETRY_FIRST_S", "0.01")
    monkeypatch.setenv("KIOSK_PORTAL__RETRY_MAX_S", "0.02")
    _enqueue_marital_status_dossier(data_dir, "cli-test-0002")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"

    code, out, _ = run_cli(capsys, "worker", "--once", "--portal", dead, "--data-dir", data_dir)

    assert code == 0
    assert json.loads(out) == {"sent": 0, "failed": 1, "remaining": 1}
    _, out, _ = run_cli(capsys, "outbox", "status", "--json", "--data-dir", data_dir)
    [entry] = json.loads(out)["entries"]
    assert entry["client_status"] == "queued"
    assert entry["attempts"] == 1
    assert entry["last_error"]


def _wait_for(predicate: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.05)


def test_worker_loop_sends_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    log_file = data_dir / "logs" / "kiosk.log"
    _enqueue_marital_status_dossier(data_dir, "cli-test-0003")
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "worker", "--interval", "0.2", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env(tmp_path), cwd=REPO,
    )
    try:
        _wait_for(lambda: log_file.exists() and "worker round" in log_file.read_text(encoding="utf-8"))
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        out, err = process.communicate()

    assert process.returncode == 0, err.decode()
    assert out == b""
    assert "worker stopped" in log_file.read_text(encoding="utf-8")
    outbox = open_outbox(load_config(data_dir=data_dir))
    assert outbox.counts()["sent"] == 1


# --- kiosk sandbox --------------------------------------------------------------------------------------


def test_sandbox_serves_until_sigterm(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = tmp_path / "sandbox-data"
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sandbox", "--port", str(port), "--data-dir", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env(tmp_path), cwd=REPO,
    )
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return requests.get(f"{url}/api/v1/health", timeout=1).status_code == 200
        except requests.ConnectionError:
            assert process.poll() is None, "the sandbox exited"
            return False

    try:
        _wait_for(answers)
        assert requests.get(f"{url}/api/v1/health", timeout=5).json()["status"] == "ok"
        assert requests.get(f"{url}/sandbox/admin/dossiers", timeout=5).json() == []
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()

    assert process.returncode == 0
    assert (store / "sandbox.sqlite3").is_file()  # --data-dir is the sandbox's own data folder


# --- run and demo hand over to the UI (the UI itself is tested in tests/ui) -----------------------------


class RecordingUi:
    """Stands in for kiosk.ui.window / kiosk.ui.demo: records what the CLI hands over."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.calls: list[tuple[Any, dict[str, Any]]] = []
        self.environ: dict[str, str | None] = {}
        self.data_dir_existed = False

    def __call__(self, services: Any, **kwargs: Any) -> int:
        # The demo receives the composition root's services (kiosk.app.build_services), worker included;
        # `kiosk run` hands over the config and a builder (the services are built behind the start screen).
        if "build" in kwargs:
            config = services
        else:
            assert services.worker is not None and services.outbox is not None
            config = services.config
        self.calls.append((config, kwargs))
        self.environ = {k: os.environ.get(k) for k in ("QT_QPA_PLATFORM", "QT_QUICK_BACKEND")}
        self.data_dir_existed = Path(config.data_dir).parent.is_dir()
        return self.status


def _fake_module(monkeypatch: pytest.MonkeyPatch, name: str, function: str, ui: RecordingUi) -> None:
    module = types.ModuleType(name)
    setattr(module, function, ui)
    monkeypatch.setitem(sys.modules, name, module)


def test_run_hands_the_config_and_options_to_the_window(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    ui = RecordingUi(status=0)
    _fake_module(monkeypatch, "kiosk.ui.fast_start", "run_kiosk_fast", ui)  # attract first (issue 14)

    code, _, _ = run_cli(capsys, "run", "--fullscreen", "--training", "--camera", "camera:1",
                         "--data-dir", data_dir)

    assert code == 0
    [(config, kwargs)] = ui.calls
    assert config.data_dir == data_dir
    assert config.portal.url == "sandbox"
    build = kwargs.pop("build")
    assert callable(build), "the services are built behind the start screen by kiosk.app"
    assert kwargs == {"fullscreen": True, "camera": "camera:1"}


def test_demo_runs_offscreen_in_a_temporary_data_dir_that_is_removed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("QT_QUICK_BACKEND", raising=False)
    ui = RecordingUi(status=1)
    _fake_module(monkeypatch, "kiosk.ui.demo", "run_demo", ui)

    code, _, _ = run_cli(capsys, "demo", "--screenshots", tmp_path / "shots", "--portrait")

    assert code == 1  # the demo's own verdict is the exit status
    [(config, kwargs)] = ui.calls
    assert kwargs == {"screenshots": tmp_path / "shots", "orientations": ["portrait"], "camera": None,
                      "all_variants": False, "pseudo": False, "variant": None}
    assert ui.environ == {"QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    assert ui.data_dir_existed
    assert config.data_dir.name == "data" and config.data_dir.parent.name.startswith("kiosk-demo-")
    assert not config.data_dir.parent.exists()  # data and the fallback key file beside it are gone


def test_demo_defaults_to_both_orientations_and_keeps_an_explicit_data_dir(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    ui = RecordingUi(status=0)
    _fake_module(monkeypatch, "kiosk.ui.demo", "run_demo", ui)

    code, _, _ = run_cli(
        capsys, "demo", "--screenshots", tmp_path / "shots", "--camera", "samples", "--data-dir", data_dir
    )

    assert code == 0
    [(config, kwargs)] = ui.calls
    assert kwargs["orientations"] == ["portrait", "landscape"]
    assert kwargs["camera"] == "samples"
    assert config.data_dir == data_dir
    assert (data_dir / "logs" / "kiosk.log").is_file()


def test_scanner_list_and_scan_through_the_kiosk_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["scanner", "list", "--local", "--json"]) == 0
    devices = [row["device"] for row in json.loads(capsys.readouterr().out)]
    assert "test:0" in devices  # the setup enables SANE's test backend
    out = tmp_path / "scan.pdf"
    assert main(["scanner", "scan", "--device", "test:0", "-o", str(out), "--mode", "gray", "--dpi", "50",
                 "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["pages"] == 1 and printed["mode"] == "gray"
    assert out.read_bytes().startswith(b"%PDF-")
    assert main(["scanner", "scan", "--device", "test:0", "-o", str(out), "--dpi", "5000"]) == 2


def test_staff_commands_keep_only_a_hash_and_refuse_weak_pins(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("482913\n"))
    assert main(["--data-dir", str(data_dir), "staff", "add", "lan", "--name", "Nguyễn Thị Lan"]) == 0
    assert json.loads(capsys.readouterr().out)["added"]["name"] == "Nguyễn Thị Lan"
    assert b"482913" not in (data_dir / "staff.json").read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n"))
    assert main(["--data-dir", str(data_dir), "staff", "set-pin", "lan"]) == 1
    assert "too easy to guess" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "staff", "list"]) == 0
    assert [m["id"] for m in json.loads(capsys.readouterr().out)["staff"]] == ["lan"]
    assert main(["--data-dir", str(data_dir), "staff", "remove", "nobody"]) == 1


def test_bench_typing_prints_the_three_keyboards(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "typing"]) == 0
    out = capsys.readouterr().out
    for keyboard in ("long-press", "telex", "tone row"):
        assert keyboard in out


def test_outbox_purge_also_removes_old_receipt_pdfs(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    receipts = data_dir / "receipts"
    receipts.mkdir(parents=True)
    old, new = receipts / "old.pdf", receipts / "new.pdf"
    old.write_bytes(b"%PDF-1.4 old")
    new.write_bytes(b"%PDF-1.4 new")
    long_ago = time.time() - 40 * 86400  # beyond the default retention of accepted dossiers
    os.utime(old, (long_ago, long_ago))
    assert main(["--data-dir", str(data_dir), "outbox", "purge", "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["receipts_removed"] == 1 and old.exists()
    assert main(["--data-dir", str(data_dir), "outbox", "purge", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["receipts_removed"] == 1
    assert not old.exists() and new.exists()
