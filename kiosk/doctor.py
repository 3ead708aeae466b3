"""`kiosk doctor`: is this kiosk ready to serve citizens? One report a technician reads on the spot or
sends in (text, JSON or PDF): devices, portal, disk, clock, queue, keys, database, mode, version.

The device checks are the staff dashboard's (kiosk/health.py); the rest look at what only an installed
kiosk has: its enrolment, its keyring, its queue. Nothing in the report is personal data or a secret
(the portal URL is shown with any credential masked). Exit status 0 when nothing is red.
"""

from __future__ import annotations

import dataclasses
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig, mask_url_secrets
from kiosk.health import DeviceSettings, HealthCheck, Level, run_checks


def _check(key: str, level: Level, vi: str, en: str) -> HealthCheck:
    return HealthCheck(key, level, vi, en)


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
        return _check("mode", Level.WARN, "Máy chưa được đăng ký (kiosk enrol)", "Not enrolled (kiosk enrol)")
    if reasons:
        level = Level.OK if record.get("training") else Level.ERROR
        why = "; ".join(reasons)
        return _check("mode", level, f"Chế độ thử: {why}", f"Training mode: {why}")
    return _check("mode", Level.OK, f"Đã đăng ký: {config.kiosk_id}", f"Enrolled: {config.kiosk_id}")


def check_keys(config: KioskConfig) -> HealthCheck:
    from kiosk.app import data_keys
    from kiosk.store.crypto import CryptoError

    try:
        store = data_keys(config)
        if not store.has_current():
            return _check("keys", Level.ERROR, "Chưa có khóa dữ liệu (kiosk enrol hoặc kiosk keys init)",
                          f"No data key in the {store.keyring_name} (kiosk enrol or kiosk keys init)")
        key_id = store.current().key_id
    except CryptoError as error:
        return _check("keys", Level.ERROR, f"Khóa dữ liệu lỗi: {error}", f"Data key problem: {error}")
    path = getattr(getattr(store, "_backend", None), "path", None)
    if isinstance(path, Path) and path.exists() and path.stat().st_mode & 0o077:
        return _check("keys", Level.ERROR, f"Tệp khóa {path} để người khác đọc được",
                      f"The keyring file {path} is readable by others")
    return _check("keys", Level.OK, f"Khóa dữ liệu {key_id}", f"Data key {key_id}")


def check_database_and_queue(config: KioskConfig) -> list[HealthCheck]:
    from kiosk.app import open_outbox, queue_limits
    from kiosk.store import db

    try:
        current, head = db.current_revision(config.database_url), db.head_revision()
    except Exception as error:
        return [_check("database", Level.ERROR, f"Không mở được cơ sở dữ liệu: {type(error).__name__}",
                       f"Cannot open the database: {type(error).__name__}")]
    checks = [
        _check("database", Level.OK, f"Lược đồ {current}", f"Schema {current}") if current == head else
        _check("database", Level.ERROR, f"Lược đồ {current or 'trống'}, cần {head} (kiosk db upgrade)",
               f"Schema {current or 'empty'}, needs {head} (kiosk db upgrade)")
    ]
    if current != head:
        return checks
    try:
        outbox = open_outbox(config, clean=False)
        counts = outbox.counts()
        unreadable = outbox.unreadable(limit=50)
        queued = outbox.entries(limit=1000)
    except Exception as error:
        return [*checks, _check("queue", Level.ERROR, f"Hàng đợi lỗi: {type(error).__name__}",
                                f"Queue problem: {type(error).__name__}: {error}")]
    waiting = [i for i in queued if i.client_status.value in ("queued", "sending")]
    limits = queue_limits(config)
    oldest = min((i.created_at for i in waiting), default=None)
    age = (datetime.now(UTC) - oldest.astimezone(UTC)) if oldest is not None else None
    summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
    if unreadable:
        checks.append(_check("queue", Level.ERROR, f"{len(unreadable)} hồ sơ không đọc được (mất khóa?)",
                             f"{len(unreadable)} dossiers cannot be opened (lost key?); {summary}"))
    elif counts.get("failed", 0):
        checks.append(_check("queue", Level.WARN, f"{counts['failed']} hồ sơ lỗi cần xử lý; {summary}",
                             f"{counts['failed']} failed dossiers need a person; {summary}"))
    elif age is not None and age > limits.max_queue_age:
        checks.append(_check("queue", Level.WARN, f"Hồ sơ chờ gửi đã {age.days} ngày; {summary}",
                             f"Oldest waiting dossier is {age} old; {summary}"))
    else:
        checks.append(_check("queue", Level.OK, summary or "trống", summary or "empty"))
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
        "checks": [dataclasses.asdict(c) | {"level": c.level.value} for c in checks],
    }


_MARK = {"ok": "OK  ", "warn": "WARN", "error": "FAIL"}


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
    lines += ["", ("SẴN SÀNG / READY" if report["ready"] else "CHƯA SẴN SÀNG / NOT READY")
              + f" ({report['overall']})"]
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
    rows = [["", "Kiểm tra / Check", "Kết quả / Result"]]
    rows += [[_MARK[c["level"]].strip(), c["key"], Paragraph(f"{c['reason_vi']}<br/>{c['reason_en']}",
                                                              styles["BodyText"])] for c in report["checks"]]
    table = Table(rows, colWidths=[40, 110, 360])
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP")])
    for index, check in enumerate(report["checks"], start=1):
        style.add("TEXTCOLOR", (0, index), (0, index), colour[check["level"]])
    table.setStyle(style)
    story = [
        Paragraph(f"Báo cáo sẵn sàng / Readiness report — {report['kiosk_id']}", styles["Title"]),
        Paragraph(f"kiosk {report['version']} · {report['host']} · {report['generated_at']}",
                  styles["Normal"]),
        Paragraph(f"Portal: {report['portal']}", styles["Normal"]),
        Spacer(1, 12), table, Spacer(1, 12),
        Paragraph("SẴN SÀNG / READY" if report["ready"] else "CHƯA SẴN SÀNG / NOT READY", styles["Heading2"]),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, title="Kiosk readiness report").build(story)
    return path
