"""The postal chain's acceptance check, as an operator would type it, against an external sandbox:

    kiosk dossier create --delivery post ...   (N times; the address comes from the applicant's answers)
    kiosk worker --once                         (sends them; the delivery choice travels along)
    POST /sandbox/admin/payments/{code}/pay, POST /sandbox/admin/dossiers/{code}/status {"status": "done"}
    KIOSK_RETENTION__SENT_DAYS=0 kiosk outbox purge --json   (keeps what still waits for its postal order)
    kiosk worker --once                         (orders the deliveries)

then every dossier on the portal has a postal order with a valid S10 tracking number. Also the CLI's
refusals: an unknown procedure, a file type the portal does not take, an address it cannot place.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests

from kiosk.cli import main
from kiosk.domain.postal import parse_tracking_number
from kiosk.sandbox.samples import tiny_pdf
from kiosk.sandbox.server import SandboxServer
from tests.isolation import isolated_from_the_machine

N = 5
BY_POST = "1.004194.000.00.00.H26"  # Đăng ký thường trú: a fee, one mandatory document, result by post


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    with isolated_from_the_machine(monkeypatch, tmp_path):
        yield


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[str]:
    server = SandboxServer(tmp_path / "external-sandbox")
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, Any, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip().startswith(("{", "[")) else out), err


def test_n_dossiers_by_post_all_get_a_postal_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, portal: str
) -> None:
    data = tmp_path / "kiosk-data"
    scan = tmp_path / "giay-to.pdf"
    scan.write_bytes(tiny_pdf("CT01"))
    common = ("--data-dir", data, "--portal", portal)
    for i in range(N):
        code, out, err = cli(capsys, "dossier", "create", "--procedure", BY_POST,
                             "--owner", f"00108901234{i}", "--attach", scan, "--delivery", "post", "--json",
                             *common)
        assert code == 0, err
    code, out, err = cli(capsys, "worker", "--once", *common)
    assert (code, out) == (0, {"sent": N, "failed": 0, "remaining": 0}), err

    on_portal = requests.get(f"{portal}/sandbox/admin/dossiers", timeout=10).json()
    assert len(on_portal) == N and all(d["delivery_method"] == "post" for d in on_portal)
    for dossier in on_portal:
        path = quote(dossier["dossier_code"], safe="")
        requests.post(f"{portal}/sandbox/admin/payments/{path}/pay", timeout=10).raise_for_status()
        requests.post(f"{portal}/sandbox/admin/dossiers/{path}/status", json={"status": "done"},
                      timeout=10).raise_for_status()

    monkeypatch.setenv("KIOSK_RETENTION__SENT_DAYS", "0")
    code, out, err = cli(capsys, "outbox", "purge", "--json", *common)
    assert code == 0 and out["dossier_ids"] == [], "dossiers waiting for their postal order are kept"

    code, out, err = cli(capsys, "worker", "--once", *common)
    assert code == 0, err
    on_portal = requests.get(f"{portal}/sandbox/admin/dossiers", timeout=10).json()
    numbers = [d["delivery_order"]["tracking_number"] for d in on_portal if d["delivery_order"]]
    assert len(numbers) == N == len(set(numbers))
    assert all(parse_tracking_number(n).check_digit_ok for n in numbers)

    code, out, err = cli(capsys, "outbox", "status", "--json", *common)
    assert sorted(e["delivery_ref"] for e in out["entries"]) == sorted(numbers)
    code, out, err = cli(capsys, "outbox", "purge", "--json", *common)
    assert len(out["dossier_ids"]) == N, "ordered: now they go at the sent retention"


def test_the_cli_refuses_what_the_portal_could_never_accept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, portal: str
) -> None:
    common = ("--data-dir", tmp_path / "kiosk-data", "--portal", portal)
    scan = tmp_path / "giay-to.pdf"
    scan.write_bytes(tiny_pdf("CT01"))
    word = tmp_path / "to-khai.docx"
    word.write_bytes(b"PK\x03\x04 not a pdf")

    code, _, err = cli(capsys, "dossier", "create", "--procedure", "9.999999.000.00.00.H26", "--owner",
                       "001089012345", "--attach", scan, *common)
    assert code == 2 and "không có trong danh mục" in err and "not in the portal's catalogue" in err
    code, _, err = cli(capsys, "dossier", "create", "--procedure", BY_POST, "--owner", "001089012345",
                       "--attach", word, *common)
    assert code == 2 and "only PDF, JPEG or PNG" in err and "to-khai.docx" in err
    code, _, err = cli(capsys, "dossier", "create", "--procedure", BY_POST, "--owner", "001089012345",
                       "--attach", scan, "--delivery", "post", "--address", "somewhere", *common)
    assert code == 2 and "--address" in err
    code, _, err = cli(capsys, "dossier", "create", "--procedure", "1.000894.000.00.00.H26", "--owner",
                       "001089012345", "--delivery", "post", *common)
    assert code == 2 and "does not return results by post" in err
    code, out, _ = cli(capsys, "outbox", "status", "--json", *common)
    assert out["entries"] == []


def test_plain_http_to_another_host_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "worker", "--once", "--data-dir", tmp_path / "d", "--portal",
                       "http://portal.example.gov.vn/api")
    assert code == 1 and "https://" in err


def test_enrolled_credentials_are_used_for_every_call(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    server = SandboxServer(tmp_path / "auth-sandbox", require_kiosk_auth=True)
    url = server.start()
    try:
        common = ("--data-dir", tmp_path / "kiosk-data", "--portal", url)
        scan = tmp_path / "giay-to.pdf"
        scan.write_bytes(tiny_pdf("CT01"))
        code, _, err = cli(capsys, "dossier", "create", "--procedure", BY_POST, "--owner", "001089012345",
                           "--attach", scan, *common)
        assert code == 2, "without credentials the portal does not even give its catalogue"
        code, out, err = cli(capsys, "portal", "enrol", "--json", *common)
        assert code == 0 and out["authenticated"] is True, err
        code, _, err = cli(capsys, "dossier", "create", "--procedure", BY_POST, "--owner", "001089012345",
                           "--attach", scan, *common)
        assert code == 0, err
        code, out, err = cli(capsys, "worker", "--once", *common)
        assert out == {"sent": 1, "failed": 0, "remaining": 0}, err
    finally:
        server.stop()
