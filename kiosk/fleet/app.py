"""The fleet service's HTTP API, dashboard, reports and /metrics (FastAPI).

Two kinds of callers:
- kiosks, with the bearer token they got at enrolment: POST events, GET their config (staff, settings),
  GET the state of a staff call they made;
- the province's operators, with the admin token (as a bearer token, or the cookie the login page sets):
  enrol kiosks, the dashboard, acknowledging staff calls, staff accounts, settings, reports.
`/metrics` and `/healthz` are open: they carry no personal data and Prometheus scrapes without a login.
"""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from kiosk.fleet import events as ev
from kiosk.fleet import reports
from kiosk.fleet.dashboard import AlertRules, render_fragment, render_page, snapshot
from kiosk.fleet.metrics import FleetMetrics
from kiosk.fleet.notify import Notifier, NullNotifier
from kiosk.fleet.store import ROLES, TIMEZONE, FleetStore, UnknownKiosk, parse_batch, utc_now
from kiosk.store.models import ID_LEN

log = logging.getLogger(__name__)
COOKIE = "fleet_admin"
MAX_BODY = 4 * 1024 * 1024


@dataclass
class FleetSettings:
    admin_token: str
    rules: AlertRules = field(default_factory=AlertRules)
    notifier: Notifier = field(default_factory=NullNotifier)


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else ""


def create_app(engine: Engine, settings: FleetSettings) -> FastAPI:
    store = FleetStore(engine)
    app = FastAPI(title="Kiosk fleet", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store

    def current_snapshot() -> dict[str, Any]:
        return snapshot(store.kiosks(), store.open_calls(), utc_now(), settings.rules)

    metrics = FleetMetrics(current_snapshot)

    def admin(request: Request) -> None:
        given = _bearer(request) or request.cookies.get(COOKIE, "")
        if not given or not hmac.compare_digest(given.encode(), settings.admin_token.encode()):
            raise HTTPException(401, "admin token needed / cần mã quản trị")

    def kiosk(request: Request) -> str:
        token = _bearer(request)
        kiosk_id = store.kiosk_for_token(token) if token else None
        if kiosk_id is None:
            raise HTTPException(401, "kiosk not enrolled / kiosk chưa đăng ký")
        return kiosk_id

    async def json_body(request: Request) -> Any:
        body = await request.body()
        if len(body) > MAX_BODY:
            raise HTTPException(413, "body too large")
        try:
            return json.loads(body)
        except ValueError:
            raise HTTPException(400, "body must be JSON") from None

    # --- kiosks ---------------------------------------------------------------------------------------

    @app.post("/api/v1/enrol")
    async def enrol(request: Request) -> dict[str, Any]:
        admin(request)
        body = await json_body(request)
        kiosk_id = str(body.get("kiosk_id", ""))
        if not kiosk_id or len(kiosk_id) > ID_LEN or not ev.CODE.fullmatch(kiosk_id):
            raise HTTPException(422, "kiosk_id: 1–64 of A-Z a-z 0-9 . _ : -")
        commune = str(body.get("commune", ""))
        group = str(body.get("group", "default")) or "default"
        for name, value in (("commune", commune), ("group", group)):
            if value and not ev.CODE.fullmatch(value):
                raise HTTPException(422, f"{name}: a code")
        token = await run_in_threadpool(
            store.enrol, kiosk_id, str(body.get("name", kiosk_id))[:200], commune, group
        )
        return {
            "kiosk_id": kiosk_id,
            "token": token,
            "hotline_after_s": int(settings.rules.hotline_after.total_seconds()),
        }

    @app.post("/api/v1/events")
    async def post_events(request: Request) -> dict[str, Any]:
        kiosk_id = kiosk(request)
        body = await json_body(request)
        raw = body.get("events") if isinstance(body, dict) else None
        if not isinstance(raw, list) or len(raw) > ev.MAX_BATCH:
            raise HTTPException(422, f"events: a list of at most {ev.MAX_BATCH}")
        good, rejected = parse_batch(raw)
        with metrics.batch_seconds.time():
            try:
                result = await run_in_threadpool(store.ingest, kiosk_id, good)
            except UnknownKiosk:
                raise HTTPException(401, "kiosk not enrolled") from None
        for type_, count in result.by_type.items():
            metrics.events.labels(type_).inc(count)
        metrics.duplicates.inc(result.duplicates)
        metrics.rejected.inc(len(rejected))
        for call_id in result.calls:
            settings.notifier.notify({"kind": "staff_call", "kiosk_id": kiosk_id, "call_id": call_id})
        return {"accepted": result.accepted, "duplicates": result.duplicates, "rejected": rejected}

    @app.get("/api/v1/config")
    def kiosk_config(request: Request) -> dict[str, Any]:
        config = store.kiosk_config(kiosk(request))
        config["hotline_after_s"] = int(settings.rules.hotline_after.total_seconds())
        return config

    @app.get("/api/v1/staff-calls/{call_id}")
    def call_state(call_id: str, request: Request) -> dict[str, Any]:
        kiosk_id = kiosk(request)
        call = store.call(call_id)
        if call is None or call.kiosk_id != kiosk_id:
            return {"call_id": call_id, "state": "unknown"}  # not arrived yet (still in the kiosk's outbox)
        return {
            "call_id": call_id,
            "state": call.state,
            "acknowledged_at": call.acknowledged_at.isoformat() if call.acknowledged_at else None,
        }

    # --- operators ------------------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse)
    def login_page() -> str:
        return (
            '<!doctype html><meta charset="utf-8"><title>Đăng nhập</title><form method="post" '
            'action="/login"><label>Mã quản trị / admin token <input name="token" type="password" '
            "autofocus></label> <button>Đăng nhập / Log in</button></form>"
        )

    @app.post("/login")
    async def login(request: Request) -> Response:
        form = await request.form()
        token = str(form.get("token", ""))
        if not hmac.compare_digest(token.encode(), settings.admin_token.encode()):
            return RedirectResponse("/login", status_code=303)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

    @app.get("/", response_class=HTMLResponse)
    def dashboard(request: Request) -> Response:
        try:
            admin(request)
        except HTTPException:
            return RedirectResponse("/login", status_code=303)
        return HTMLResponse(render_page(current_snapshot()))

    @app.get("/dashboard/fragment", response_class=HTMLResponse)
    def dashboard_fragment(request: Request) -> str:
        admin(request)
        return render_fragment(current_snapshot())

    @app.get("/api/v1/dashboard")
    def dashboard_json(request: Request) -> dict[str, Any]:
        admin(request)
        return current_snapshot()

    @app.post("/api/v1/staff-calls/{call_id}/ack")
    def acknowledge(call_id: str, request: Request) -> dict[str, Any]:
        admin(request)
        done = store.acknowledge(call_id, "dashboard")
        if not done and store.call(call_id) is None:
            raise HTTPException(404, "no such call")
        return {"call_id": call_id, "acknowledged": done}

    @app.put("/api/v1/staff/{staff_id}")
    async def put_staff(staff_id: str, request: Request) -> dict[str, Any]:
        admin(request)
        body = await json_body(request)
        from kiosk.staff.registry import ScryptParams, StaffError, check_pin_rules, hash_pin

        role = str(body.get("role", "clerk"))
        if role not in ROLES:
            raise HTTPException(422, f"role: one of {', '.join(ROLES)}")
        pin = str(body.get("pin", ""))
        try:
            check_pin_rules(pin)
        except StaffError as error:
            raise HTTPException(422, str(error)) from None
        group = body.get("group")
        await run_in_threadpool(
            store.put_staff,
            staff_id[:32],
            str(body.get("name", ""))[:200],
            role,
            hash_pin(pin, ScryptParams()),
            None if group is None else str(group),
        )
        return {"id": staff_id, "role": role}

    @app.put("/api/v1/settings/{group}/{key}")
    async def put_setting(group: str, key: str, request: Request) -> dict[str, Any]:
        admin(request)
        body = await json_body(request)
        store.put_setting(group[:ID_LEN], key[:ID_LEN], body.get("value") if isinstance(body, dict) else body)
        return {"group": group, "key": key}

    @app.get("/reports", response_class=HTMLResponse)
    def reports_page(request: Request) -> str:
        admin(request)
        links = []
        local = utc_now().astimezone(TIMEZONE)
        this_month, this_quarter = local.strftime("%Y-%m"), f"{local.year}-Q{(local.month - 1) // 3 + 1}"
        for period in (this_month, this_quarter):
            for by in reports.DIMENSIONS:
                formats = " ".join(
                    f'<a href="/api/v1/reports?period={period}&by={by}&format={f}">{f}</a>'
                    for f in ("json", "csv", "xlsx", "pdf")
                )
                links.append(f"<li>{period} theo {by}: {formats}</li>")
        return (
            '<!doctype html><meta charset="utf-8"><title>Báo cáo</title><h1>Báo cáo / Reports</h1>'
            "<p>/api/v1/reports?period=YYYY-MM|YYYY-Qn&amp;by=province|kiosk|unit|commune|procedure"
            "&amp;format=json|csv|xlsx|pdf</p><ul>" + "".join(links) + "</ul>"
        )

    @app.get("/api/v1/reports")
    def report(request: Request, period: str, by: str = "province", format: str = "json") -> Response:
        admin(request)
        try:
            built = reports.build_report(store.sessions, period, by)
        except reports.PeriodError as error:
            raise HTTPException(422, str(error)) from None
        if format == "json":
            return JSONResponse(built.to_json())
        if format not in reports.EXPORTS:
            raise HTTPException(422, "format: json, csv, xlsx or pdf")
        media, suffix = reports.EXPORTS[format]
        return Response(
            reports.export(built, format),
            media_type=media,
            headers={"content-disposition": f'attachment; filename="kiosk-report-{period}-{by}.{suffix}"'},
        )

    # --- open -----------------------------------------------------------------------------------------

    @app.get("/metrics")
    def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
