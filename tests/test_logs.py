"""Logging: a rotating file plus console, personal data redacted, setup idempotent."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.logs import (
    LOG_FILE_NAME,
    contains_personal_data,
    find_personal_data,
    redact,
    setup_logging,
)


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
        logging.captureWarnings(False)


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CCCD 001089012345 read", "CCCD [id-number] read"),
        ("cmnd=123456789;", "cmnd=[old-id-number];"),
        ("call 0901234567.", "call [phone]."),
        ("tel +84 90 123 4567 now", "tel [phone] now"),
        ("+84901234567", "[phone]"),
        ("0901.234.567", "[phone]"),
        ("landline 024 3825 1234", "landline [phone]"),
        ("mail an.nguyen@example.vn ok", "mail [email] ok"),
        ("doc 001089012345.12.abc.01", "doc [id-number].12.abc.01"),
    ],
)
def test_redact_personal_numbers(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "procedure 1.001612.000.00.00.H48",
        "dossier code 000.00.53.H48-220921-0099",
        "dossier 550e8400-e29b-41d4-a716-446655440000",
        "took 1716543210 ms",
        "sha256 123456789012abcdef00",
        "attempt 3 of 10, waited 30 s",
        "2024-11-23 08:00:00",
    ],
)
def test_codes_and_ordinary_numbers_are_kept(text: str) -> None:
    assert redact(text) == text
    assert not contains_personal_data(text)


def test_find_personal_data_names_the_kinds() -> None:
    assert find_personal_data("001089012345 / 0901234567 / a@b.vn") == ["id-number", "phone", "email"]


@given(st.from_regex(r"\A[0-9]{12}\Z"), st.sampled_from(["", " ", "id=", "(", "số "]))
def test_any_twelve_digit_number_is_redacted(number: str, prefix: str) -> None:
    assert number not in redact(f"{prefix}{number} end")


@given(st.text(max_size=80))
def test_redact_is_idempotent(text: str) -> None:
    once = redact(text)
    assert redact(once) == once


def test_setup_writes_a_redacted_file(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path / "logs", console=False)
    assert log_file == tmp_path / "logs" / LOG_FILE_NAME
    log = logging.getLogger("kiosk.test.child")  # records from any logger, propagated to the root
    log.info("read card %s for %s", "001089012345", "an@example.vn")
    log.warning("sms to %s failed", "+84 912 345 678")
    _flush()
    text = log_file.read_text(encoding="utf-8")
    assert "read card [id-number] for [email]" in text
    assert "sms to [phone] failed" in text
    assert "001089012345" not in text and "912 345 678" not in text
    assert "INFO kiosk.test.child" in text


def test_tracebacks_are_redacted_too(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path, console=False)
    try:
        raise ValueError("bad ID 079305001234")
    except ValueError:
        logging.getLogger("kiosk.test").exception("parsing failed")
    _flush()
    text = log_file.read_text(encoding="utf-8")
    assert "ValueError: bad ID [id-number]" in text
    assert "079305001234" not in text


def test_console_output_is_redacted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(tmp_path, console=True)
    logging.getLogger("kiosk.test").warning("phone 0987654321")
    _flush()
    err = capsys.readouterr().err
    assert "phone [phone]" in err
    assert "0987654321" not in err


def test_setup_twice_does_not_duplicate_handlers(tmp_path: Path) -> None:
    setup_logging(tmp_path / "a", console=True)
    before = len(logging.getLogger().handlers)
    log_file = setup_logging(tmp_path / "b", level="WARNING", console=True)
    assert len(logging.getLogger().handlers) == before
    logging.getLogger("kiosk.test").warning("once")
    logging.getLogger("kiosk.test").info("filtered by level")
    _flush()
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["once"]
    assert logging.getLogger().level == logging.WARNING


def test_the_log_rotates(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path, console=False)
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "kiosk.file")
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.maxBytes = 200
    for n in range(20):
        logging.getLogger("kiosk.test").warning("line %d", n)
    _flush()
    assert (tmp_path / f"{LOG_FILE_NAME}.1").exists()
    assert log_file.stat().st_size <= 200
