"""The kiosk's own feedback report cuts months in Asia/Ho_Chi_Minh, like the fleet reports."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kiosk.store import db
from kiosk.store.feedback import monthly_report, record_feedback


def test_an_answer_at_half_past_midnight_on_the_first_belongs_to_the_new_month(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    db.upgrade(url)
    sessions = db.session_factory(db.make_engine(url))
    # 31 Oct 17:30 UTC is 1 Nov 00:30 in Vietnam; 30 Nov 16:59 UTC is 30 Nov 23:59 there.
    record_feedback(sessions, "k1", "cap-lai-cccd", 5, at=datetime(2026, 10, 31, 17, 30, tzinfo=UTC))
    record_feedback(sessions, "k1", "cap-lai-cccd", 3, at=datetime(2026, 11, 30, 16, 59, tzinfo=UTC))
    record_feedback(sessions, "k1", "cap-lai-cccd", 1, at=datetime(2026, 11, 30, 17, 0, tzinfo=UTC))
    november = monthly_report(sessions, 2026, 11)
    assert november.answers == 2 and november.by_score == {5: 1, 3: 1}
    assert monthly_report(sessions, 2026, 10).answers == 0
    assert monthly_report(sessions, 2026, 12).by_score == {1: 1}
