"""`kiosk doctor`: is this kiosk ready to serve citizens? One report a technician reads on the spot or
sends in (text, JSON or PDF): devices, portal, disk, clock, queue, keys, database, mode, version.

The device checks are the staff dashboard's (kiosk/health.py); the rest look at what only an installed
kiosk has: its enrolment, its keyring, its queue. Nothing in the report is personal data or a secret
(the portal URL is shown with any credential masked). Exit status 0 when nothing is red.
"""

from __future__ import annotations

import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig, mask_url_secrets
from kiosk.domain.notice import Notice, Param
from kiosk.health import DeviceSettings, HealthCheck, Level, run_checks

#: Every code the checks of this module may give (the device checks' are kiosk.health.NOTICE_CODES).
NOTICE_CODES: frozenset[str] = frozenset({
    "doctor.mode.not_enrolled", "doctor.mode.training", "doctor.mode.enrolled",
    "doctor.keys.missing", "doctor.keys.broken", "doctor.keys.file_readable", "doctor.keys.ok",
    "doctor.database.cannot_open", "doctor.database.ok", "doctor.database.needs_upgrade",
    "doctor.queue.broken", "doctor.queue.unreadable", "doctor.queue.failed", "doctor.queue.old",
    "doctor.queue.ok", "doctor.queue.empty",
})
#: The report's own words (`as_text`, `write_pdf`): headings and the verdict, printed in both languages.
REPORT_CODES: frozenset[str] = frozenset(
    f"doctor.report.{word}" for word in ("title", "check", "result", "ready", "not_ready"))


def _check(key: str, level: Level, code: str, **params: Param) -> HealthCheck:
    return HealthCheck(key, level, Notice(code, params))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    import kiosk

    try:
        return version("kiosk")
    except PackageNotFoundError:
        return kiosk.__version__


def check_mode(config: KioskConfig) -> HealthCheck:
    from kiosk.provisioning import enrolment
    from kiosk.training import training_reasons

    record = enrolment(config)
    reasons = training_reasons(config)
    if record is None:
        return _check("mode", Level.WARN, "doctor.mode.not_enrolled")
    if reasons:
        level = Level.OK if record.get("training") else Level.ERROR
        why = "; ".join(reasons)
        return _check("mode", level, "doctor.mode.training", why=why)
    return _check("mode", Level.OK, "doctor.mode.enrolled", kiosk_id=config.kiosk_id)


def check_keys(config: KioskConfig) -> HealthCheck:
    from kiosk.app import data_keys
    from kiosk.store.crypto import CryptoError

    try:
        store = data_keys(config)
        if not store.has_current():
            return _check("keys", Level.ERROR, "doctor.keys.missing", keyring=store.keyring_name)
        key_id = store.current().key_id
    except CryptoError as error:
        return _check("keys", Level.ERROR, "doctor.keys.broken", error=str(error))
    path = getattr(getattr(store, "_backend", None), "path", None)
    if isinstance(path, Path) and path.exists() and path.stat().st_mode & 0o077:
        return _check("keys", Level.ERROR, "doctor.keys.file_readable", path=str(path))
    return _check("keys", Level.OK, "doctor.keys.ok", key_id=key_id)


def check_database_and_queue(config: KioskConfig) -> list[HealthCheck]:
    from kiosk.app import open_outbox, queue_limits
    from kiosk.store import db

    try:
        current, head = db.current_revision(config.database_url), db.head_revision()
    except Exception as error:
        return [_check("database", Level.ERROR, "doctor.database.cannot_open", error=type(error).__name__)]
    checks = [
        _check("database", Level.OK, "doctor.database.ok", schema=str(current)) if current == head else
        _check("database", Level.ERROR, "doctor.database.needs_upgrade", schema=str(current or "-"),
               head=str(head))
    ]
    if current != head:
        return checks
    try:
        outbox = open_outbox(config, clean=False)
        counts = outbox.counts()
        unreadable = outbox.unreadable(limit=50)
        queued = outbox.entries(limit=1000)
    except Exception as error:
        return [*checks, _check("queue", Level.ERROR, "doctor.queue.broken",
                                error=f"{type(error).__name__}: {error}")]
    waiting = [i for i in queued if i.client_status.value in ("queued", "sending")]
    limits = queue_limits(config)
    oldest = min((i.created_at for i in waiting), default=None)
    age = (datetime.now(UTC) - oldest.astimezone(UTC)) if oldest is not None else None
    summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
    if unreadable:
        checks.append(_check("queue", Level.ERROR, "doctor.queue.unreadable", count=len(unreadable),
                             summary=summary))
    elif counts.get("failed", 0):
        checks.append(_check("queue", Level.WARN, "doctor.queue.failed", count=counts["failed"],
                             summary=summary))
    elif age is not None and age > limits.max_queue_age:
        checks.append(_check("queue", Level.WARN, "doctor.queue.old", days=age.days, summary=summary))
    elif summary:
        checks.append(_check("queue", Level.OK, "doctor.queue.ok", summary=summary))
    else:
        checks.append(_check("queue", Level.OK, "doctor.queue.empty"))
    return checks


def run_doctor(config: KioskConfig, *, devices: bool = True) -> dict[str, Any]:
    """The readiness report as plain data (`--json` prints it as it is)."""
    from kiosk.app import start_portal
    from kiosk.portal.client import PortalClient, RetryPolicy

    checks: list[HealthCheck] = [check_mode(config), check_keys(config), *check_database_and_queue(config)]
    url, sandbox = start_portal(config)
    try:
        timeout = min(config.portal.timeout_s, 5.0)
        with PortalClient(url, timeout=timeout, retry=RetryPolicy.no_retry()) as portal:
            settings = DeviceSettings(
                camera=config.camera.source, document_camera=config.camera.document_source,
                scanner=config.camera.scanner_device, printer=config.ui.printer, data_dir=config.data_dir,
            )
            if devices:
                checks += run_checks(settings, portal)
            else:
                from kiosk.health import check_clock, check_disk, check_portal, ntp_synchronized

                checks += [check_portal(portal), check_disk(config.data_dir),
                           check_clock(synced=ntp_synchronized())]
    finally:
        if sandbox is not None:
            sandbox.stop()
    worst = Level.ERROR if any(c.level is Level.ERROR for c in checks) else (
        Level.WARN if any(c.level is Level.WARN for c in checks) else Level.OK)
    return {
        "kiosk_id": config.kiosk_id,
        "version": _version(),
        "python": platform.python_version(),
        "host": platform.node(),
        "portal": mask_url_secrets(config.portal.url),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "ready": worst is not Level.ERROR,
        "overall": worst.value,
        "checks": [check_json(c) for c in checks],
    }


def check_json(check: HealthCheck) -> dict[str, Any]:
    """One check of `kiosk doctor --json`: the code and its parameters, and the words in both languages
    (the catalogue's, kiosk.ui.texts)."""
    from kiosk.ui.texts import say

    return {"key": check.key, "level": check.level.value, "code": check.reason.code,
            "params": dict(check.reason.params), "reason_vi": say(check.reason, "vi"),
            "reason_en": say(check.reason, "en")}


_MARK = {"ok": "OK  ", "warn": "WARN", "error": "FAIL"}


def _both(code: str) -> str:
    """``Vietnamese / English`` from the catalogue: the report is read by staff of either language."""
    from kiosk.ui.texts import say

    return f"{say(Notice(code), 'vi')} / {say(Notice(code), 'en')}"


def _verdict(report: dict[str, Any]) -> str:
    return _both("doctor.report.ready" if report["ready"] else "doctor.report.not_ready")


def as_text(report: dict[str, Any], lang: str = "vi") -> str:
    from kiosk.logs import escape_control

    reason = "reason_vi" if lang.startswith("vi") else "reason_en"
    lines = [
        f"Kiosk {report['kiosk_id']} — kiosk {report['version']} (Python {report['python']})"
        f" — {report['host']}",
        f"Portal: {report['portal']} — {report['generated_at']}",
        "",
    ]
    width = max(len(c["key"]) for c in report["checks"])
    for check in report["checks"]:
        text = escape_control(check[reason])
        lines.append(f"[{_MARK[check['level']]}] {check['key'].ljust(width)}  {text}")
    lines += ["", f"{_verdict(report)} ({report['overall']})"]
    return "\n".join(lines)


def write_pdf(report: dict[str, Any], path: Path) -> Path:
    """The report on one A4 page (to print from staff mode or attach to a ticket)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "Helvetica"
    for candidate in ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        if Path(candidate).exists():
            pdfmetrics.registerFont(TTFont("KioskSans", candidate))
            font = "KioskSans"
            break
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = font
    colour = {"ok": colors.HexColor("#1f7a3a"), "warn": colors.HexColor("#b45309"),
              "error": colors.HexColor("#b91c1c")}
    rows = [["", _both("doctor.report.check"), _both("doctor.report.result")]]
    rows += [[_MARK[c["level"]].strip(), c["key"], Paragraph(f"{c['reason_vi']}<br/>{c['reason_en']}",
                                                              styles["BodyText"])] for c in report["checks"]]
    table = Table(rows, colWidths=[40, 110, 360])
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP")])
    for index, check in enumerate(report["checks"], start=1):
        style.add("TEXTCOLOR", (0, index), (0, index), colour[check["level"]])
    table.setStyle(style)
    story = [
        Paragraph(f"{_both('doctor.report.title')} — {report['kiosk_id']}", styles["Title"]),
        Paragraph(f"kiosk {report['version']} · {report['host']} · {report['generated_at']}",
                  styles["Normal"]),
        Paragraph(f"Portal: {report['portal']}", styles["Normal"]),
        Spacer(1, 12), table, Spacer(1, 12),
        Paragraph(_verdict(report), styles["Heading2"]),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, title="Kiosk readiness report").build(story)
    return path
