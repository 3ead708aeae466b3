"""Reports on a fixture month, against figures computed by hand (months cut in Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from kiosk.fleet import events as ev
from kiosk.fleet.local_report import local_report
from kiosk.fleet.reports import months_of
from kiosk.fleet.server import FleetServer
from kiosk.store import db
from kiosk.store.fleet_outbox import FleetOutbox
from tests.fleet.conftest import admin_session, enrol

NOV = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)
P1, P2 = "1.001612.000.00.00.H48", "2.000986.000.00.00.H48"


def _dossier(stage: str, ref: str, at: datetime, procedure: str = P1, **extra: object) -> ev.FleetEvent:
    return ev.new_event(
        ev.DOSSIER,
        {"stage": stage, "dossier_ref": ref, "procedure": procedure, "unit": "H48.01", **extra},
        at,
    )


def kiosk_a() -> list[ev.FleetEvent]:
    """10 dossiers in November: 6 online, 4 queued; 1 received by post, 3 returned by post; 2 paid
    (50,000 + 30,000 VND); 7 of procedure P1, 3 of P2. Feedback means 5, 4, 3, 2.5: 2 of 4 satisfied."""
    out: list[ev.FleetEvent] = []
    for n in range(10):
        ref = ev.dossier_ref(f"a-{n}")
        at = NOV + timedelta(days=n)
        procedure = P1 if n < 7 else P2
        out.append(_dossier("submitted_online" if n < 6 else "queued", ref, at, procedure))
        if n >= 6:
            out.append(_dossier("sent", ref, at + timedelta(hours=5), procedure))
        if n == 0:
            out.append(_dossier("received_by_post", ref, at - timedelta(hours=1), procedure))
        if n in (1, 2, 7):
            out.append(_dossier("delivery_chosen", ref, at, procedure, delivery="post"))
            # returned weeks later, in December: still counts for the filing month
            out.append(_dossier("returned_by_post", ref, at + timedelta(days=25), procedure))
        if n in (3, 4):
            out.append(_dossier("paid", ref, at, procedure, fee_vnd=50_000 if n == 3 else 30_000))
    for scores in (
        {"access": 5, "staff": 5},
        {"access": 4, "result": 4},
        {"time": 3},
        {"access": 2, "staff": 3},
    ):
        out.append(ev.new_event(ev.FEEDBACK, {"procedure": P1, "unit": "H48.01", "scores": scores}, NOV))
    return out


def kiosk_b() -> list[ev.FleetEvent]:
    """11 dossiers in November (one of them at 00:30 on 1 November in Vietnam, still 31 October in UTC), all
    online, 1 returned by post; plus one on 31 October 23:59 and one on 1 December 00:30 (Vietnam) that
    are not November's. Feedback means 4.5 and 4: both satisfied."""
    out = [
        _dossier("submitted_online", ev.dossier_ref(f"b-{n}"), NOV + timedelta(days=n), P2) for n in range(10)
    ]
    out.append(
        _dossier(
            "submitted_online", ev.dossier_ref("b-first"), datetime(2026, 10, 31, 17, 30, tzinfo=UTC), P2
        )
    )
    out.append(
        _dossier(
            "submitted_online", ev.dossier_ref("b-october"), datetime(2026, 10, 31, 16, 59, tzinfo=UTC), P2
        )
    )
    out.append(
        _dossier(
            "submitted_online", ev.dossier_ref("b-december"), datetime(2026, 11, 30, 17, 30, tzinfo=UTC), P2
        )
    )
    out.append(_dossier("returned_by_post", ev.dossier_ref("b-3"), NOV + timedelta(days=12), P2))
    out.append(ev.new_event(ev.FEEDBACK, {"procedure": P2, "scores": {"access": 5, "staff": 4}}, NOV))
    out.append(ev.new_event(ev.FEEDBACK, {"procedure": P2, "scores": {"access": 4}}, NOV))
    return out


def _send(base: str, token: str, batch: list[ev.FleetEvent]) -> None:
    requests.post(
        f"{base}/api/v1/events",
        json={"events": [e.to_json() for e in batch]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).raise_for_status()


@pytest.fixture
def filled(fleet_service: FleetServer) -> str:
    base = fleet_service.base_url
    _send(base, enrol(base, "kiosk-a", commune="xa-a"), kiosk_a())
    _send(base, enrol(base, "kiosk-b", commune="xa-b"), kiosk_b())
    return base


def _report(base: str, period: str, by: str) -> dict[str, object]:
    response = admin_session().get(f"{base}/api/v1/reports", params={"period": period, "by": by}, timeout=30)
    response.raise_for_status()
    result: dict[str, object] = response.json()
    return result


def test_quarters_are_three_months() -> None:
    assert months_of("2026-Q4") == ["2026-10", "2026-11", "2026-12"]
    assert months_of("2026-11") == ["2026-11"]


def test_the_month_per_kiosk_matches_the_hand_count(filled: str) -> None:
    report = _report(filled, "2026-11", "kiosk")
    rows = {r["key"]: r for r in report["rows"]}  # type: ignore[union-attr, index]
    a, b, total = rows["kiosk-a"], rows["kiosk-b"], report["total"]
    assert (a["filed"], a["online"], a["queued"]) == (10, 6, 4)
    assert (a["received_by_post"], a["received_by_post_share"], a["received_by_post_target_met"]) == (
        1,
        0.1,
        True,
    )
    assert (a["returned_by_post"], a["returned_by_post_share"], a["returned_by_post_target_met"]) == (
        3,
        0.3,
        True,
    )
    assert (a["paid_online"], a["fees_vnd"]) == (2, 80_000)
    assert (a["feedback_answers"], a["satisfied_share"]) == (4, 0.5)
    assert (b["filed"], b["online"], b["queued"], b["received_by_post"], b["returned_by_post"]) == (
        11,
        11,
        0,
        0,
        1,
    )
    assert b["returned_by_post_share"] == round(1 / 11, 4) and b["returned_by_post_target_met"] is False
    assert (b["feedback_answers"], b["satisfied_share"]) == (2, 1.0)
    assert (total["filed"], total["online"], total["queued"]) == (21, 17, 4)  # type: ignore[index]
    assert total["received_by_post_share"] == round(1 / 21, 4)  # type: ignore[index]
    assert total["returned_by_post_share"] == round(4 / 21, 4)  # type: ignore[index]
    assert (total["feedback_answers"], total["satisfied_share"]) == (6, round(4 / 6, 4))  # type: ignore[index]


def test_per_procedure_commune_and_quarter(filled: str) -> None:
    by_procedure = {r["key"]: r["filed"] for r in _report(filled, "2026-11", "procedure")["rows"]}  # type: ignore
    assert by_procedure == {P1: 7, P2: 3 + 11}
    by_commune = {r["key"]: r["filed"] for r in _report(filled, "2026-11", "commune")["rows"]}  # type: ignore
    assert by_commune == {"xa-a": 10, "xa-b": 11}
    quarter = _report(filled, "2026-Q4", "province")
    assert quarter["total"]["filed"] == 23  # type: ignore[index]  # + 31 October and 1 December (Vietnam)


def test_exports_csv_xlsx_and_a_readable_pdf(filled: str, tmp_path: Path) -> None:
    admin = admin_session()

    def get(fmt: str) -> bytes:
        response = admin.get(
            f"{filled}/api/v1/reports", timeout=60, params={"period": "2026-11", "by": "kiosk", "format": fmt}
        )
        response.raise_for_status()
        return response.content

    assert "format=pdf" in admin.get(f"{filled}/reports", timeout=10).text
    rows = list(csv.DictReader(io.StringIO(get("csv").decode())))
    assert [(r["key"], r["filed"], r["returned_by_post_share"]) for r in rows] == [
        ("kiosk-a", "10", "0.3"),
        ("kiosk-b", "11", str(round(1 / 11, 4))),
        ("TOTAL", "21", str(round(4 / 21, 4))),
    ]
    (tmp_path / "r.xlsx").write_bytes(get("xlsx"))
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    assert [c.value for c in sheet["A"]][2:5] == ["kiosk-a", "kiosk-b", "TOTAL"]
    assert sheet["B5"].value == 21 and len(sheet._charts) == 1
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(get("pdf"))
    assert shutil.which("pdftotext") and shutil.which("pdftoppm"), "poppler-utils (bootstrap installs it)"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=30, check=True
    ).stdout
    assert "Báo cáo kiosk Dịch vụ công — 2026-11" in text and "kiosk-b" in text and "19.0 %" in text
    assert "mục tiêu 20 %" in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_a_kiosk_makes_the_same_report_offline_from_its_own_events(tmp_path: Path, filled: str) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    db.upgrade(url)
    sessions: sessionmaker[Session] = db.session_factory(db.make_engine(url))
    outbox = FleetOutbox(sessions)
    for event in kiosk_a():
        outbox.record(event.type, event.data, at=event.at)
    offline = local_report(sessions, "kiosk-a", "2026-11", "kiosk").rows[0].to_json()
    online = next(
        r
        for r in _report(filled, "2026-11", "kiosk")["rows"]  # type: ignore[union-attr]
        if r["key"] == "kiosk-a"
    )
    assert offline == online
