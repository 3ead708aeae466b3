"""The dashboard in headless chromium (Debian's, driven by selenium through chromium-driver): it loads, shows
the kiosks with their state, a staff call from a kiosk appears within 5 s and is acknowledged by a click,
and the kiosk then hears "acknowledged". Screenshots go to out/fleet-browser/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from kiosk.fleet import events as ev
from kiosk.fleet.app import FleetSettings
from kiosk.fleet.server import FleetServer
from kiosk.fleet.store import open_database

ADMIN = "browser-admin-token"
OUT = Path(__file__).resolve().parents[2] / "out" / "fleet-browser"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[FleetServer]:
    engine = open_database(f"sqlite:///{tmp_path / 'fleet.db'}")
    with FleetServer(engine, FleetSettings(admin_token=ADMIN)) as server:
        yield server
    engine.dispose()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _enrol(base: str, kiosk_id: str, name: str) -> str:
    response = requests.post(
        f"{base}/api/v1/enrol",
        timeout=10,
        headers={"Authorization": f"Bearer {ADMIN}"},
        json={"kiosk_id": kiosk_id, "name": name, "commune": "phuong-hang-trong"},
    )
    response.raise_for_status()
    return str(response.json()["token"])


def _send(base: str, token: str, *events: ev.FleetEvent) -> None:
    requests.post(
        f"{base}/api/v1/events",
        json={"events": [e.to_json() for e in events]},
        timeout=10,
        headers={"Authorization": f"Bearer {token}"},
    ).raise_for_status()


def test_dashboard_shows_kiosks_and_a_staff_call_is_seen_and_acknowledged(
    service: FleetServer, browser: webdriver.Chrome
) -> None:
    base = service.base_url
    now = datetime.now(UTC)
    tokens = {}
    for kiosk_id, name, health in (
        (
            "bd-hoan-kiem-01",
            "Bưu điện Hoàn Kiếm",
            {"printer": "ok", "scanner": "ok", "camera": "ok", "portal": "ok"},
        ),
        (
            "mc-ba-dinh-02",
            "Một cửa Ba Đình",
            {"printer": "error", "scanner": "ok", "camera": "ok", "portal": "ok"},
        ),
        (
            "ct-cau-giay-03",
            "Chung cư Cầu Giấy",
            {"printer": "ok", "scanner": "warn", "camera": "ok", "portal": "ok"},
        ),
    ):
        tokens[kiosk_id] = _enrol(base, kiosk_id, name)
        _send(
            base,
            tokens[kiosk_id],
            ev.new_event(ev.DEVICE_HEALTH, health, now),
            ev.new_event(ev.QUEUE, {"queued": 1, "oldest_age_s": 300}, now),
            ev.new_event(ev.VERSION, {"version": "0.1.0"}, now),
        )

    browser.get(f"{base}/")  # not logged in: the login page
    browser.find_element(By.NAME, "token").send_keys(ADMIN)
    browser.find_element(By.TAG_NAME, "button").click()
    WebDriverWait(browser, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr.kiosk")) == 3)
    rows = {
        r.get_attribute("data-kiosk"): r.get_attribute("class")
        for r in browser.find_elements(By.CSS_SELECTOR, "tr.kiosk")
    }
    assert rows == {
        "bd-hoan-kiem-01": "kiosk green",
        "mc-ba-dinh-02": "kiosk red",
        "ct-cau-giay-03": "kiosk amber",
    }
    assert "Bưu điện Hoàn Kiếm" in browser.page_source
    OUT.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(OUT / "1-dashboard.png"))

    call_id = ev.new_ref()
    _send(
        base,
        tokens["mc-ba-dinh-02"],
        ev.new_event(ev.STAFF_CALL, {"call_id": call_id, "action": "call"}, datetime.now(UTC)),
    )
    called = time.monotonic()
    WebDriverWait(browser, 5, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'li.call[data-call="{call_id}"]')
    )
    seen_after = time.monotonic() - called
    assert seen_after < 5
    browser.save_screenshot(str(OUT / "2-staff-call.png"))

    browser.find_element(By.CSS_SELECTOR, f'button.ack[data-call="{call_id}"]').click()
    WebDriverWait(browser, 5, poll_frequency=0.1).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, f'li.call[data-call="{call_id}"]')
    )
    state = requests.get(
        f"{base}/api/v1/staff-calls/{call_id}",
        timeout=10,
        headers={"Authorization": f"Bearer {tokens['mc-ba-dinh-02']}"},
    ).json()
    assert state["state"] == "acknowledged"
    browser.save_screenshot(str(OUT / "3-acknowledged.png"))
    print(f"staff call seen on the dashboard after {seen_after:.2f} s")
