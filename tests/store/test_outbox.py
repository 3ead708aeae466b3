"""The outbox on a real database (SQLite file, PostgreSQL): atomic enqueue, encryption at rest, status
transitions, audit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import audit
from kiosk.store.crypto import DEFAULT_SERVICE, DataKeyStore, MissingKeyError, Sealer, WrongKeyError
from kiosk.store.models import AuditEvent, ClientStatus, Dossier, OutboxEntry
from kiosk.store.outbox import InvalidTransitionError, Outbox, UnknownDossierError, retry_delay
from tests.store.conftest import Database

NAME = "Trần Thị Bích Ngọc"
ID_NUMBER = "079305001234"
PROCEDURE = "1.001612.000.00.00.H48"
DOSSIER_CODE = "000.00.53.H48-220921-0099"


class Clock(Protocol):
    now: datetime

    def __call__(self) -> datetime: ...

    def advance(self, **kwargs: float) -> None: ...


def payload(name: str = NAME, id_number: str = ID_NUMBER) -> dict[str, Any]:
    return {
        "applicant": {
            "full_name": name,
            "id_number": id_number,
            "address": "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh",
            "phone": "0901234567",
        },
        "answers": {"reason": "Cấp lại", "copies": 2},
    }


def test_enqueue_then_load_returns_the_payload(outbox: Outbox) -> None:
    dossier_id = outbox.enqueue("idem-1", PROCEDURE, payload())
    assert outbox.load_payload(dossier_id) == payload()


def test_enqueue_writes_dossier_entry_and_audit_event_together(
    outbox: Outbox, sessions: sessionmaker[Session], clock: Clock
) -> None:
    dossier_id = outbox.enqueue("idem-1", PROCEDURE, payload(), assisted_by="staff-042")
    with sessions() as session:
        dossier = session.get_one(Dossier, dossier_id)
        assert (dossier.kiosk_id, dossier.procedure_code, dossier.assisted_by) == (
            "hn-buudien-01",
            PROCEDURE,
            "staff-042",
        )
        assert dossier.created_at == clock.now
        entry = session.scalars(select(OutboxEntry)).one()
        assert (entry.dossier_id, entry.client_status, entry.attempts) == (dossier_id, "queued", 0)
        events = session.scalars(select(AuditEvent)).all()
        assert [(e.kind, e.dossier_id, e.detail) for e in events] == [
            ("dossier.queued", dossier_id, {"procedure_code": PROCEDURE, "assisted": True})
        ]


def test_the_payload_is_not_readable_in_the_database_files(outbox: Outbox, database: Database) -> None:
    outbox.enqueue("idem-1", PROCEDURE, payload())
    # SQLite: the file and its WAL; PostgreSQL: the database's table files (after a checkpoint) and the WAL.
    raw = database.at_rest()
    # The grep works: a clear column is there (in the WAL or the data files) ...
    assert PROCEDURE.encode() in raw
    # ... and the personal data is not, in any encoding a careless write would use.
    for needle in (NAME.encode("utf-8"), NAME.encode("utf-16-le"), ID_NUMBER.encode(), b"0901234567"):
        assert needle not in raw
    assert "Lê Lợi".encode() not in raw


def test_enqueue_is_idempotent(outbox: Outbox, sessions: sessionmaker[Session]) -> None:
    first = outbox.enqueue("idem-1", PROCEDURE, payload())
    again = outbox.enqueue("idem-1", PROCEDURE, payload())
    assert again == first
    assert outbox.counts()["queued"] == 1
    with sessions() as session:
        assert len(session.scalars(select(AuditEvent)).all()) == 1


def test_a_failed_enqueue_leaves_nothing_behind(outbox: Outbox, sessions: sessionmaker[Session]) -> None:
    with pytest.raises(TypeError):
        outbox.enqueue("idem-1", PROCEDURE, {"photo": object()})
    with sessions() as session:
        for model in (Dossier, OutboxEntry, AuditEvent):
            assert session.scalars(select(model)).all() == []


def test_clear_columns_refuse_personal_data(outbox: Outbox) -> None:
    with pytest.raises(ValueError, match="idempotency_key looks like personal data"):
        outbox.enqueue(ID_NUMBER, PROCEDURE, payload())
    with pytest.raises(ValueError, match="idempotency_key"):
        outbox.enqueue("Nguyễn Văn An", PROCEDURE, payload())


def test_a_wrong_key_does_not_open_the_payload(
    outbox: Outbox, sessions: sessionmaker[Session], memory_keyring: KeyringBackend, clock: Clock
) -> None:
    dossier_id = outbox.enqueue("idem-1", PROCEDURE, payload())
    key_id = DataKeyStore().current().key_id
    # The keyring now holds different bytes under the same key id (a keyring from another kiosk).
    other = f"{key_id}:{'A' * 43}="
    memory_keyring.set_password(DEFAULT_SERVICE, f"data-key:{key_id}", other)
    memory_keyring.set_password(DEFAULT_SERVICE, "data-key", other)
    restarted = Outbox(sessions, Sealer(DataKeyStore()), "hn-buudien-01", clock=clock)
    with pytest.raises(WrongKeyError):
        restarted.load_payload(dossier_id)


def test_a_payload_moved_to_another_dossier_does_not_open(
    outbox: Outbox, sessions: sessionmaker[Session]
) -> None:
    first = outbox.enqueue("idem-1", PROCEDURE, payload())
    second = outbox.enqueue("idem-2", PROCEDURE, payload("Lê Văn Tám", "001089012345"))
    with sessions.begin() as session:
        source = session.get_one(Dossier, first)
        session.execute(
            update(Dossier)
            .where(Dossier.id == second)
            .values(payload_ciphertext=source.payload_ciphertext, payload_nonce=source.payload_nonce)
        )
    with pytest.raises(WrongKeyError):
        outbox.load_payload(second)


def test_a_lost_keyring_is_reported_as_a_missing_key(
    outbox: Outbox, sessions: sessionmaker[Session], memory_keyring: KeyringBackend, clock: Clock
) -> None:
    dossier_id = outbox.enqueue("idem-1", PROCEDURE, payload())
    memory_keyring.secrets.clear()  # type: ignore[attr-defined]
    restarted = Outbox(sessions, Sealer(DataKeyStore()), "hn-buudien-01", clock=clock)
    with pytest.raises(MissingKeyError):
        restarted.load_payload(dossier_id)


def test_unknown_dossier(outbox: Outbox) -> None:
    with pytest.raises(UnknownDossierError):
        outbox.load_payload("00000000-0000-0000-0000-000000000000")
    with pytest.raises(UnknownDossierError):
        outbox.mark_sending(999)


def test_sending_then_sent(outbox: Outbox, sessions: sessionmaker[Session], clock: Clock) -> None:
    dossier_id = outbox.enqueue("idem-1", PROCEDURE, payload())
    item = outbox.next_to_send()
    assert item is not None and item.dossier_id == dossier_id and item.client_status is ClientStatus.QUEUED
    outbox.mark_sending(item.id)
    assert outbox.next_to_send() is None, "an entry being sent is not offered again"
    clock.advance(seconds=5)
    outbox.mark_sent(item.id, DOSSIER_CODE)

    done = outbox.get(item.id)
    assert done.client_status is ClientStatus.SENT
    assert done.dossier_code == DOSSIER_CODE
    assert done.sent_at == done.updated_at == clock.now
    assert done.attempts == 0
    assert outbox.counts() == {"queued": 0, "sending": 0, "sent": 1, "duplicate": 0, "failed": 0}
    with sessions() as session:
        kinds = session.scalars(select(AuditEvent.kind).order_by(AuditEvent.id)).all()
    assert kinds == ["dossier.queued", "dossier.sent"]


def test_duplicate_counts_as_done(outbox: Outbox) -> None:
    outbox.enqueue("idem-1", PROCEDURE, payload())
    item = outbox.next_to_send()
    assert item is not None
    outbox.mark_sending(item.id)
    outbox.mark_sent(item.id, DOSSIER_CODE, duplicate=True)
    assert outbox.get(item.id).client_status is ClientStatus.DUPLICATE
    assert outbox.next_to_send() is None


def test_a_transient_failure_is_retried_after_a_back_off(outbox: Outbox, clock: Clock) -> None:
    outbox.enqueue("idem-1", PROCEDURE, payload())
    item = outbox.next_to_send()
    assert item is not None
    outbox.mark_sending(item.id)
    outbox.mark_failed(item.id, "portal timeout", permanent=False)

    failed = outbox.get(item.id)
    assert failed.client_status is ClientStatus.QUEUED
    assert failed.attempts == 1
    assert failed.last_error == "portal timeout"
    assert failed.next_attempt_at == clock.now + retry_delay(1)
    assert outbox.next_to_send() is None, "not before the back-off is over"
    clock.advance(seconds=retry_delay(1).total_seconds())
    again = outbox.next_to_send()
    assert again is not None and again.id == item.id

    outbox.mark_sending(item.id)
    outbox.mark_failed(item.id, "portal timeout", permanent=False)
    assert outbox.get(item.id).attempts == 2
    assert outbox.get(item.id).next_attempt_at == clock.now + retry_delay(2)


def test_a_permanent_failure_waits_for_staff(outbox: Outbox, clock: Clock) -> None:
    outbox.enqueue("idem-1", PROCEDURE, payload())
    item = outbox.next_to_send()
    assert item is not None
    outbox.mark_sending(item.id)
    outbox.mark_failed(item.id, f"rejected: applicant {ID_NUMBER} phone 0901234567", permanent=True)
    failed = outbox.get(item.id)
    assert failed.client_status is ClientStatus.FAILED
    assert failed.attempts == 1
    assert failed.last_error == "rejected: applicant [id-number] phone [phone]"
    clock.advance(days=1)
    assert outbox.next_to_send() is None
    assert outbox.counts()["failed"] == 1


def test_transitions_out_of_order_are_refused(outbox: Outbox) -> None:
    outbox.enqueue("idem-1", PROCEDURE, payload())
    item = outbox.next_to_send()
    assert item is not None
    with pytest.raises(InvalidTransitionError, match="'queued', not 'sending'"):
        outbox.mark_sent(item.id, DOSSIER_CODE)
    with pytest.raises(InvalidTransitionError):
        outbox.mark_failed(item.id, "x", permanent=False)
    outbox.mark_sending(item.id)
    with pytest.raises(InvalidTransitionError, match="'sending', not 'queued'"):
        outbox.mark_sending(item.id)  # a second worker loses the race
    assert outbox.get(item.id).client_status is ClientStatus.SENDING


def test_oldest_due_entry_goes_first(outbox: Outbox, clock: Clock) -> None:
    first = outbox.enqueue("idem-1", PROCEDURE, payload())
    clock.advance(seconds=1)
    second = outbox.enqueue("idem-2", PROCEDURE, payload())
    item = outbox.next_to_send()
    assert item is not None and item.dossier_id == first
    outbox.mark_sending(item.id)
    outbox.mark_failed(item.id, "timeout", permanent=False)  # first now waits for its back-off
    following = outbox.next_to_send()
    assert following is not None and following.dossier_id == second


def test_entries_lists_newest_first_and_filters(outbox: Outbox, clock: Clock) -> None:
    ids = []
    for n in range(3):
        ids.append(outbox.enqueue(f"idem-{n}", PROCEDURE, payload()))
        clock.advance(seconds=1)
    item = outbox.next_to_send()
    assert item is not None
    outbox.mark_sending(item.id)
    assert [e.dossier_id for e in outbox.entries()] == ids[::-1]
    assert [e.dossier_id for e in outbox.entries(ClientStatus.SENDING)] == [ids[0]]
    assert len(outbox.entries(limit=2)) == 2


def test_times_are_utc_aware_after_a_round_trip(outbox: Outbox, clock: Clock) -> None:
    clock.now = datetime(2024, 11, 23, 15, 30, tzinfo=UTC) + timedelta(microseconds=7)
    outbox.enqueue("idem-1", PROCEDURE, payload())
    item = outbox.next_to_send()
    assert item is not None
    assert item.created_at == clock.now
    assert item.created_at.tzinfo is UTC


def test_naive_datetimes_are_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(Exception, match="naive datetime"), sessions.begin() as session:
        audit.record(session, "kiosk.started", "k1")
        session.flush()
        session.execute(update(AuditEvent).values(at=datetime(2024, 1, 1)))


# --- audit ------------------------------------------------------------------------------------------


def test_audit_records_plain_details(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        audit.record(session, "outbox.retried", "k1", "d-1", attempts=3, by_staff=True, reason="timeout")
    with sessions() as session:
        event = session.scalars(select(AuditEvent)).one()
        assert (event.kind, event.kiosk_id, event.dossier_id) == ("outbox.retried", "k1", "d-1")
        assert event.detail == {"attempts": 3, "by_staff": True, "reason": "timeout"}
        assert event.at.tzinfo is UTC


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        ({"note": f"citizen {ID_NUMBER}"}, "'note' looks like personal data"),
        ({"value": 123456789}, "'value' looks like personal data"),
        ({"contact": "an.nguyen@example.vn"}, "'contact' looks like personal data"),
        ({"contact": "+84 90 123 4567"}, "'contact' looks like personal data"),
        ({"full_name": "Nguyễn Văn An"}, "'full_name' would hold personal data"),
        ({"address": "Hải Châu"}, "'address' would hold personal data"),
    ],
)
def test_audit_refuses_personal_data_without_repeating_it(
    sessions: sessionmaker[Session], detail: dict[str, Any], message: str
) -> None:
    with sessions.begin() as session, pytest.raises(audit.PersonalDataError, match=message) as caught:
        audit.record(session, "dossier.queued", "k1", **detail)
    for value in detail.values():
        assert str(value) not in str(caught.value)


def test_audit_keeps_codes_that_are_not_personal(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        audit.record(
            session,
            "dossier.sent",
            "k1",
            "550e8400-e29b-41d4-a716-446655440000",
            dossier_code=DOSSIER_CODE,
            procedure_code=PROCEDURE,
        )


def test_audit_refuses_nested_values_and_bad_kinds(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        with pytest.raises(TypeError):
            audit.record(session, "dossier.queued", "k1", extra={"x": 1})  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="kind"):
            audit.record(session, "Dossier Queued", "k1")


def test_audit_events_survive_without_their_dossier(sessions: sessionmaker[Session]) -> None:
    # Not a foreign key on purpose: a purged dossier keeps its history.
    with sessions.begin() as session:
        audit.record(session, "dossier.purged", "k1", "no-such-dossier")
    with sessions() as session:
        assert session.execute(text("SELECT count(*) FROM audit_event")).scalar() == 1


def test_a_race_on_the_same_key_keeps_the_first_dossier(
    outbox: Outbox, sessions: sessionmaker[Session], sealer: Sealer, clock: Clock
) -> None:
    first = outbox.enqueue("idem-1", PROCEDURE, payload())

    class LateOutbox(Outbox):
        """Another process whose "already queued?" check ran just before the first insert committed."""

        checked = False

        def _dossier_id_for(self, idempotency_key: str) -> str | None:
            if not self.checked:
                self.checked = True
                return None
            return super()._dossier_id_for(idempotency_key)

    late = LateOutbox(sessions, sealer, "hn-buudien-01", clock=clock)
    assert late.enqueue("idem-1", PROCEDURE, payload()) == first
    assert outbox.counts()["queued"] == 1


def test_whatever_code_the_portal_gives_is_recorded(outbox: Outbox, sessions: sessionmaker[Session]) -> None:
    # A code that happens to look like an ID number must not strand a dossier the portal accepted.
    outbox.enqueue("idem-1", PROCEDURE, payload())
    item = outbox.next_to_send()
    assert item is not None
    outbox.mark_sending(item.id)
    outbox.mark_sent(item.id, "H48/001089012345")
    assert outbox.get(item.id).dossier_code == "H48/001089012345"
    with sessions() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.kind == "dossier.sent")).one()
    assert event.detail == {"dossier_code": "H48/[id-number]"}
