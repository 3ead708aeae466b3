"""Satisfaction feedback at the end of each journey, kept for the monthly report.

One audit event per answer ("feedback.given": journey, score 1–5, optional comment). A comment that
looks like personal data (a phone number, an ID number, …) is not stored — only the fact that there was
one — because the audit trail must never hold personal data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain.text import nfc
from kiosk.logs import find_personal_data
from kiosk.store import audit
from kiosk.store.models import AuditEvent, utc_now

KIND = "feedback.given"
SCORES = (1, 2, 3, 4, 5)  # very unhappy … very happy (the faces on screen)
MAX_COMMENT = 500
#: Months are cut where the provinces cut them.
REPORT_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def record_feedback(sessions: sessionmaker[Session], kiosk_id: str, journey: str, score: int,
                    comment: str = "", *, at: datetime | None = None) -> bool:
    """Store one answer. Returns False when the comment was withheld as personal data."""
    if score not in SCORES:
        raise ValueError(f"score must be one of {SCORES}, not {score!r}")
    text = nfc(comment.strip())[:MAX_COMMENT]
    withheld = bool(text) and bool(find_personal_data(text))
    with sessions.begin() as session:
        audit.record(session, KIND, kiosk_id, at=at or utc_now(), journey=journey, score=score,
                     comment=None if withheld or not text else text, comment_withheld=withheld)
    return not withheld


@dataclass
class FeedbackReport:
    month: str
    answers: int = 0
    by_score: Counter[int] = field(default_factory=Counter)
    by_journey: dict[str, Counter[int]] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)

    @property
    def average(self) -> float | None:
        return sum(s * n for s, n in self.by_score.items()) / self.answers if self.answers else None

    def to_json(self) -> dict[str, object]:
        return {"month": self.month, "answers": self.answers,
                "average": None if self.average is None else round(self.average, 2),
                "by_score": {str(s): self.by_score.get(s, 0) for s in SCORES},
                "by_journey": {j: {str(s): c.get(s, 0) for s in SCORES}
                               for j, c in sorted(self.by_journey.items())},
                "comments": self.comments}


def monthly_report(sessions: sessionmaker[Session], year: int, month: int) -> FeedbackReport:
    """The answers of one calendar month in Vietnam (an answer at 00:30 on the 1st, local time, is that
    month's, although it is still the previous month in UTC)."""
    start = datetime(year, month, 1, tzinfo=REPORT_TIMEZONE)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=REPORT_TIMEZONE)
    report = FeedbackReport(month=f"{year:04d}-{month:02d}")
    with sessions() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.kind == KIND, AuditEvent.at >= start,
                                                        AuditEvent.at < end).order_by(AuditEvent.at))
        for event in rows:
            score = int(event.detail.get("score", 0))
            journey = str(event.detail.get("journey", "?"))
            report.answers += 1
            report.by_score[score] += 1
            report.by_journey.setdefault(journey, Counter())[score] += 1
            if event.detail.get("comment"):
                report.comments.append(str(event.detail["comment"]))
    return report
