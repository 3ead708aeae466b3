"""What the province's fleet hears about a dossier filed at this kiosk, through the production wiring
(kiosk.app.build_services) against the real sandbox: filed online with the delivery chosen, sent later
after an outage, the result sent home by post — and nothing personal in any of it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from kiosk.app import KioskServices, build_services
from kiosk.config import KioskConfig, load_config
from kiosk.domain.dossier import DeliveryChoice, DeliveryMethod, PostageFeePayment
from kiosk.fleet import events as ev
from kiosk.portal.models import Catalogue
from kiosk.sandbox.catalogue import load_seed_catalogue
from kiosk.sandbox.samples import SAMPLE_APPLICANT
from kiosk.sync.submit import queue_dossier, submit_dossier
from tests.sync.test_postal_chain import ADDRESS, BY_POST, _due_now, admin, make_dossier


@pytest.fixture
def services(tmp_path: Path) -> Iterator[KioskServices]:
    config: KioskConfig = load_config(data_dir=tmp_path / "data", environ={})
    svc = build_services(config)
    yield svc
    svc.close()


def stages(services: KioskServices) -> list[tuple[str, str | None]]:
    assert services.fleet is not None
    return [(e.data["stage"], e.data.get("delivery"))
            for e in services.fleet.outbox.pending(1000) if e.type == ev.DOSSIER]


def test_filed_online_by_post_then_the_result_goes_home_by_post(services: KioskServices) -> None:
    catalogue = Catalogue.from_json(json.loads(load_seed_catalogue().body))
    procedure = catalogue.find(BY_POST)
    assert procedure is not None
    delivery = DeliveryChoice(DeliveryMethod.POST, address=ADDRESS, postal_fee_vnd=16_500,
                              fee_payment=PostageFeePayment.VIETQR)
    outcome = submit_dossier(services.outbox, services.portal, make_dossier(procedure, delivery),
                             "fleet-0001", lifecycle=services.lifecycle)
    code = outcome.dossier_code
    assert code is not None
    assert stages(services) == [("delivery_chosen", "post"), ("submitted_online", "post")]

    admin(services, f"payments/{quote(code, safe='')}/pay")
    admin(services, f"dossiers/{quote(code, safe='')}/status", {"status": "done"})
    _due_now(services, outcome.entry_id)
    assert services.worker is not None
    assert services.worker.run_once().deliveries == 1
    assert stages(services)[-1] == ("returned_by_post", "post")

    # Nothing that names the citizen went into the fleet's events.
    assert services.fleet is not None
    told = json.dumps([e.data for e in services.fleet.outbox.pending(1000)], ensure_ascii=False)
    for secret in (SAMPLE_APPLICANT["full_name"], SAMPLE_APPLICANT["id_number"], ADDRESS.phone, code):
        assert str(secret) not in told


def test_a_dossier_queued_then_sent_by_the_worker_is_told_as_sent(services: KioskServices) -> None:
    catalogue = Catalogue.from_json(json.loads(load_seed_catalogue().body))
    procedure = catalogue.find(BY_POST)
    assert procedure is not None
    queue_dossier(services.outbox, make_dossier(procedure, DeliveryChoice(DeliveryMethod.COUNTER)),
                  "fleet-0002")
    with pytest.raises(ValueError, match="idempotency key"):
        queue_dossier(services.outbox, make_dossier(procedure, DeliveryChoice(DeliveryMethod.COUNTER)), "k2")
    assert services.worker is not None
    assert services.worker.run_once().sent == 1
    assert stages(services) == [("sent", "counter")]


def test_the_kiosk_status_the_dashboard_shows_portal_disk_and_queue(services: KioskServices) -> None:
    from kiosk.app import kiosk_status
    from kiosk.sync.fleet_reporter import record_status

    catalogue = Catalogue.from_json(json.loads(load_seed_catalogue().body))
    procedure = catalogue.find(BY_POST)
    assert procedure is not None
    queue_dossier(services.outbox, make_dossier(procedure, DeliveryChoice(DeliveryMethod.COUNTER)),
                  "fleet-0003")
    status = kiosk_status(services.config, services.outbox, services.portal)
    assert status["levels"] == {"portal": "ok", "disk": status["levels"]["disk"]}
    assert status["levels"]["disk"] in ("ok", "warn", "error")
    assert status["queued"] == 1 and 0 <= status["oldest_age_s"] < 600
    assert services.fleet is not None
    record_status(services.fleet.outbox, **status)
    told = {e.type: e.data for e in services.fleet.outbox.pending(1000)}
    assert told[ev.QUEUE] == {"queued": 1, "oldest_age_s": status["oldest_age_s"]}
    assert told[ev.DEVICE_HEALTH]["portal"] == "ok"
