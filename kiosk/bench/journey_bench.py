"""`kiosk bench journey`: the reference journey of issue 14, counted as a citizen lives it.

Permanent residence (Đăng ký thường trú), with a chip ID card, result by post, fee by VietQR, at a
kiosk that knows its own province and commune. The real UI runs offscreen against the sandbox (card
and document cameras play sample images); every citizen action goes through the slot its QML button
calls and is counted: a **screen** each time the flow shows a new one (attract included), a **tap**
per button, chip or text-field touch, a **keystroke** per character typed on the on-screen keyboard.
What the kiosk does by itself (reading the card, capturing the page, the bank confirming) costs nothing.

"Before" is the expert review's count on the previous design (issue 14: 14 screens, ~26 taps, ~140
keystrokes); that design no longer exists to be re-run.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO
from urllib.parse import quote

import requests

from kiosk.bench.report import format_table
from kiosk.bench.typing_bench import tone_row_cost
from kiosk.config import KioskConfig
from kiosk.ui.demo import DemoFailed, demo_camera, demo_document_camera, spin, wait_until
from kiosk.ui.window import PORTRAIT, application, create_ui

PROCEDURE = "1.004194.000.00.00.H26"  # Đăng ký thường trú
KIOSK_PROVINCE, KIOSK_COMMUNE = "01", "00160"  # Thành phố Hà Nội, Phường Nghĩa Đô
NEW_STREET = "12 ngõ 34 Hoàng Quốc Việt"
PHONE = "0912345678"
GOALS = {"screens": 10, "taps": 15, "keystrokes": 40}
BEFORE = {"screens": 14, "taps": 26, "keystrokes": 140}


@dataclass
class JourneyCount:
    screens: list[str] = field(default_factory=list)
    taps: int = 0
    keystrokes: int = 0
    keyboard_taps: int = 0  # the same text on the kiosk's keyboard with the tone row (shift, ?123, marks)
    actions: list[str] = field(default_factory=list)

    def tap(self, what: str, n: int = 1) -> None:
        self.taps += n
        self.actions.append(f"tap {what}" + (f" ×{n}" if n > 1 else ""))

    def type(self, what: str, text: str) -> None:
        self.taps += 1  # touching the field to type in it
        self.keystrokes += len(text)
        self.keyboard_taps += tone_row_cost(text).taps
        self.actions.append(f"type {what}: {len(text)} characters")


def run_reference_journey(config: KioskConfig, build: Callable[[KioskConfig], Any]) -> JourneyCount:
    """Drive the reference journey once on the services `build` makes (kiosk.app.build_services); raises
    DemoFailed if it does not reach the receipt."""
    application()
    ui_config = dataclasses.replace(config.ui, province=KIOSK_PROVINCE, commune=KIOSK_COMMUNE)
    services = build(dataclasses.replace(config, ui=ui_config))
    count = JourneyCount()
    try:
        ui = create_ui(services, size=PORTRAIT)
        k = ui.peers
        k.card.set_camera_opener(demo_camera)
        k.documents.set_camera_opener(demo_document_camera)
        k.context.screenChanged.connect(lambda: count.screens.append(str(k.context.screen)))
        try:
            wait_until(lambda: k.procedures.state == "ready", 30, "the catalogue")
            count.screens.append(str(k.context.screen))  # attract, where the citizen arrives
            count.tap("the attract screen")
            k.visit.touchAttract()
            count.tap("Đăng ký thường trú on the home screen")
            ui.journey.startWith(PROCEDURE)
            wait_until(lambda: k.context.screen == "confirm", 60, "the card to be read")
            count.tap("continue (details from the card are right)")
            k.card.confirm()
            wait_until(lambda: k.context.screen == "form", 10, "the form")
            _fill_form(ui, count)
            count.tap("continue on the form")
            k.form.submit()
            wait_until(lambda: k.context.screen == "documents", 10,
                       f"the documents screen ({k.context.message})")
            _capture_one_page(ui, count)
            count.tap("done with the documents")
            k.dossier.documentsDone()
            wait_until(lambda: k.context.screen == "delivery", 10,
                       f"the delivery screen ({k.context.message})")
            count.tap("by post")
            k.delivery.chooseMethod("post")
            spin(200)
            missing = k.delivery.problem()
            if missing:
                raise DemoFailed(f"the delivery screen still asks for something: {missing}")
            count.tap("continue on the delivery screen")
            k.dossier.deliveryDone()
            wait_until(lambda: k.context.screen == "review", 10, f"the review ({k.context.message})")
            count.tap("the consent box")
            k.dossier.setConsent(True)
            count.tap("send the dossier")
            k.dossier.submit()
            wait_until(lambda: k.context.screen == "payment", 60, "the payment screen")
            code = str(k.dossier.code)
            wait_until(lambda: k.payment.state == "waiting", 30, "the VietQR")
            # The citizen pays on the phone; the sandbox's training endpoint stands in for the bank.
            requests.post(f"{services.portal_url}/sandbox/admin/payments/{quote(code, safe='')}/pay",
                          timeout=10).raise_for_status()
            wait_until(lambda: k.context.screen == "receipt", 30, "the receipt")
            count.tap("a face on the receipt (rates the visit and finishes)")
            k.visit.giveFeedback(5, "")
            wait_until(lambda: k.context.screen == "attract", 10, "the wipe")
        finally:
            ui.close()
    finally:
        services.close()
    # The attract screen the journey ends on belongs to the next citizen.
    if count.screens and count.screens[-1] == "attract" and len(count.screens) > 1:
        count.screens.pop()
    return count


def _fill_form(ui: Any, count: JourneyCount) -> None:
    k = ui.peers
    for row in k.form.model.rows():
        if row["fromCard"] or row["value"] not in ("", None) or not row["required"]:
            continue
        name, kind = row["name"], row["type"]
        if kind == "select":
            choice = row["options"][0]["value"]
            count.tap(f"{name}: {choice}")
            k.form.setAnswer(name, choice)
        elif kind == "textarea" and "address" in name and ui.journey.locality:
            count.type(name, NEW_STREET)
            k.form.setAnswer(name, NEW_STREET)
            count.tap(f"{name}: + the kiosk's commune and province")
            k.form.setAnswer(name, f"{NEW_STREET}, {ui.journey.locality}")
        elif kind == "phone":
            count.type(name, PHONE)
            k.form.setAnswer(name, PHONE)
        else:
            raise DemoFailed(f"the reference journey does not know how to answer {name!r} ({kind})")


def _capture_one_page(ui: Any, count: JourneyCount) -> None:
    """The sample document camera shows a page; the kiosk captures it by itself when it lies still."""
    docs = ui.peers.documents
    wait_until(lambda: docs.pages.rowCount() >= 1, 180, "the page to be captured")
    docs.setAutoCapture(False)  # the citizen takes the paper away (the bench stops the camera instead)
    wait_until(lambda: not docs.property("processing"), 60, "page processing")
    for index in range(docs.pages.rowCount() - 1, 0, -1):
        docs.deletePage(index)  # a page caught while the citizen's hand moved away: not the citizen's tap


def print_journey_bench(count: JourneyCount, out: TextIO = sys.stdout) -> bool:
    after = {"screens": len(count.screens), "taps": count.taps, "keystrokes": count.keystrokes}
    rows = [[what, str(BEFORE[what]), str(after[what]), f"≤ {GOALS[what]}",
             "yes" if after[what] <= GOALS[what] else "NO"] for what in GOALS]
    print("Reference journey: permanent residence, with a card, result by post, fee by VietQR", file=out)
    print(format_table(["", "before (issue 14 review)", "after (this run)", "goal", "met"], rows), file=out)
    print(f"keystrokes are characters typed; on the kiosk's keyboard with the tone row (capitals, digits "
          f"layout, diacritic marks) the same text takes {count.keyboard_taps} key taps", file=out)
    print("screens: " + " → ".join(count.screens), file=out)
    for action in count.actions:
        print(f"  {action}", file=out)
    return all(after[what] <= GOALS[what] for what in GOALS)


def run_journey_bench(config: KioskConfig, build: Callable[[KioskConfig], Any],
                      out: TextIO = sys.stdout) -> int:
    try:
        count = run_reference_journey(config, build)
    except DemoFailed as error:
        print(f"bench journey failed: {error}", file=out)
        return 1
    return 0 if print_journey_bench(count, out) else 1



