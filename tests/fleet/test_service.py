"""The fleet service over real HTTP on both engines: enrolment, idempotent ingestion, the whitelist,
staff calls, central staff and settings, /metrics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import requests

from kiosk.fleet import events as ev
from kiosk.fleet.server import FleetServer
from tests.fleet.conftest import admin_session, enrol

T0 = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)


def _post(base: str, token: str, events: list[dict[str, object]]) -> dict[str, object]:
    response = requests.post(
        f"{base}/api/v1/events",
        json={"events": events},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    response.raise_for_status()
    result: dict[str, object] = response.json()
    return result


def _events() -> list[dict[str, object]]:
    ref = ev.dossier_ref("d-1")
    made = [
        ev.new_event(ev.HEARTBEAT, {"uptime_s": 60}, T0),
        ev.new_event(
            ev.DEVICE_HEALTH, {"printer": "ok", "scanner": "error", "camera": "ok", "portal": "ok"}, T0
        ),
        ev.new_event(ev.QUEUE, {"queued": 2, "oldest_age_s": 7200}, T0),
        ev.new_event(
            ev.DOSSIER, {"stage": "queued", "dossier_ref": ref, "procedure": "1.001612", "unit": "H48.01"}, T0
        ),
        ev.new_event(
            ev.DOSSIER,
            {"stage": "sent", "dossier_ref": ref, "procedure": "1.001612"},
            T0 + timedelta(minutes=5),
        ),
        ev.new_event(ev.VERSION, {"version": "0.1.0"}, T0),
    ]
    return [e.to_json() for e in made]


def test_a_batch_sent_twice_is_stored_once(fleet_service: FleetServer) -> None:
    base = fleet_service.base_url
    token = enrol(base, "hn-01")
    batch = _events()
    assert _post(base, token, batch) == {"accepted": 6, "duplicates": 0, "rejected": []}
    assert _post(base, token, batch) == {"accepted": 0, "duplicates": 6, "rejected": []}
    assert _store_counts(fleet_service) == {"events": 6, "dossiers": 1}
    snap = admin_session().get(f"{base}/api/v1/dashboard", timeout=10).json()
    (kiosk,) = snap["kiosks"]
    assert kiosk["level"] == "red"  # the scanner is failing
    assert kiosk["queued"] == 2 and kiosk["version"] == "0.1.0"
    assert any("scanner" in a["reason"] for a in snap["alerts"])
    assert any("queue too old" in a["reason"] for a in snap["alerts"])


def _store_counts(server: FleetServer) -> dict[str, int]:
    from kiosk.fleet.store import FleetStore

    return FleetStore(server.engine).counts()


def test_events_outside_the_whitelist_are_refused_one_by_one(fleet_service: FleetServer) -> None:
    base = fleet_service.base_url
    token = enrol(base, "hn-02")
    good = _events()[0]
    extra_field = {**_events()[0], "data": {"uptime_s": 1, "citizen_name": "Nguyễn Văn An"}}
    id_as_code = {**_events()[3]}
    id_as_code["data"] = {**id_as_code["data"], "procedure": "001203004567"}  # type: ignore[dict-item]
    result = _post(base, token, [good, extra_field, id_as_code])
    assert result["accepted"] == 1
    rejected = result["rejected"]
    assert isinstance(rejected, list) and [r["id"] for r in rejected] == [extra_field["id"], id_as_code["id"]]
    assert "Nguyễn" not in str(rejected) and "001203004567" not in str(rejected)


def test_kiosks_and_operators_need_their_tokens(fleet_service: FleetServer) -> None:
    base = fleet_service.base_url
    assert requests.post(f"{base}/api/v1/events", json={"events": []}, timeout=10).status_code == 401
    assert requests.post(f"{base}/api/v1/enrol", json={"kiosk_id": "x"}, timeout=10).status_code == 401
    assert requests.get(f"{base}/api/v1/dashboard", timeout=10).status_code == 401
    old = enrol(base, "hn-03")
    new = enrol(base, "hn-03")  # re-enrolment revokes the old token
    assert (
        requests.post(
            f"{base}/api/v1/events",
            json={"events": []},
            timeout=10,
            headers={"Authorization": f"Bearer {old}"},
        ).status_code
        == 401
    )
    assert _post(base, new, [])["accepted"] == 0


def test_a_staff_call_is_acknowledged_from_the_dashboard(fleet_service: FleetServer) -> None:
    base = fleet_service.base_url
    token = enrol(base, "hn-04")
    call_id = ev.new_ref()
    call = ev.new_event(ev.STAFF_CALL, {"call_id": call_id, "action": "call"}, datetime.now(UTC))
    _post(base, token, [call.to_json()])
    headers = {"Authorization": f"Bearer {token}"}
    state = requests.get(f"{base}/api/v1/staff-calls/{call_id}", headers=headers, timeout=10).json()
    assert state["state"] == "open"
    page = admin_session().get(f"{base}/dashboard/fragment", timeout=10).text
    assert call_id in page and "Kiosk hn-04" in page
    assert admin_session().post(f"{base}/api/v1/staff-calls/{call_id}/ack", timeout=10).json()["acknowledged"]
    state = requests.get(f"{base}/api/v1/staff-calls/{call_id}", headers=headers, timeout=10).json()
    assert state["state"] == "acknowledged"
    assert call_id not in admin_session().get(f"{base}/dashboard/fragment", timeout=10).text


def test_staff_and_settings_reach_the_kiosks_of_their_group(fleet_service: FleetServer) -> None:
    base = fleet_service.base_url
    token = enrol(base, "hn-05", group="buu-dien")
    enrol(base, "hn-06", group="mot-cua")
    admin = admin_session()
    admin.put(
        f"{base}/api/v1/staff/NV001",
        json={"name": "Trần Thị Bình", "role": "clerk", "pin": "482915", "group": "buu-dien"},
        timeout=30,
    ).raise_for_status()
    admin.put(
        f"{base}/api/v1/staff/QT01",
        json={"name": "Lê Văn Cường", "role": "province_admin", "pin": "739164"},
        timeout=30,
    ).raise_for_status()
    admin.put(f"{base}/api/v1/settings/*/idle_timeout_s", json={"value": 120}, timeout=10).raise_for_status()
    admin.put(
        f"{base}/api/v1/settings/buu-dien/idle_timeout_s", json={"value": 180}, timeout=10
    ).raise_for_status()
    config = requests.get(
        f"{base}/api/v1/config", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    assert [s["id"] for s in config["staff"]] == ["NV001", "QT01"]
    assert config["staff"][0]["pin"]["alg"] == "scrypt" and "482915" not in str(config)
    assert config["settings"] == {"idle_timeout_s": 180}


def test_metrics_are_in_the_prometheus_text_format(fleet_service: FleetServer) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    base = fleet_service.base_url
    token = enrol(base, "hn-07")
    _post(base, token, _events())
    text = requests.get(f"{base}/metrics", timeout=10).text
    families = {f.name: f for f in text_string_to_metric_families(text)}
    ingested = {
        s.labels["type"]: s.value
        for s in families["fleet_events_ingested"].samples
        if s.name.endswith("_total")
    }
    assert ingested["dossier"] == 2 and ingested["heartbeat"] == 1
    assert any(s.labels == {"state": "red"} and s.value == 1 for s in families["fleet_kiosks"].samples)
