"""The CLI's operator lines come from the one catalogue: Vietnamese by default, English with
KIOSK_CLI_LANG=en; the JSON keeps its documented words (English) and adds the codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.isolation import isolated_from_the_machine

CARDS = Path(__file__).resolve().parents[2] / "resources" / "samples" / "cards"
FRONT = CARDS / "01_nguyen_van_an_front.png"
EMPTY_DESK = CARDS / "91_empty_desk.png"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    with isolated_from_the_machine(monkeypatch, tmp_path):
        yield


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_idcard_read_speaks_the_clis_language(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.delenv("KIOSK_CLI_LANG", raising=False)
    code, out, err = run(capsys, "idcard", "read", FRONT, EMPTY_DESK, "--data-dir", data)
    assert code == 1, err
    read, unread = out.splitlines()[:2]
    assert "đọc được (QR" in read and "Họ tên Nguyễn Văn An" in read and "Giới tính Nam" in read
    assert "KHÔNG ĐỌC ĐƯỢC — Chưa thấy mã QR" in unread
    monkeypatch.setenv("KIOSK_CLI_LANG", "en")
    _, out, _ = run(capsys, "idcard", "read", FRONT, EMPTY_DESK, "--data-dir", data)
    read, unread = out.splitlines()[:2]
    assert ": read (QR" in read and "Name Nguyễn Văn An" in read and "Sex Male" in read
    assert "NOT READ — No QR code in view" in unread


def test_idcard_json_keeps_english_words_and_adds_codes(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    _, out, _ = run(capsys, "idcard", "read", "--json", EMPTY_DESK, "--data-dir", tmp_path / "data")
    record = json.loads(out)
    assert record["error_code"] == "no_code_found" and record["error"].startswith("No QR code in view")


def test_outbox_lines_carry_both_languages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "outbox", "status", "--data-dir", tmp_path / "data")
    assert code == 0 and "(hàng đợi trống) / (the outbox is empty)" in out
    code, _, err = run(capsys, "outbox", "retry", "7", "--data-dir", tmp_path / "data")
    assert code == 1 and "không có mục 7 / no outbox entry 7" in err
