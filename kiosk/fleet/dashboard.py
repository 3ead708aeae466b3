"""The operator's dashboard: each kiosk's state (green / amber / red and why), alerts, and open staff calls.

Server-rendered HTML: the page is complete without JavaScript; a few lines of JS fetch the fragment again
every two seconds (so a staff call shows within seconds) and send the "acknowledge" button. No build step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape
from typing import Any

from kiosk.fleet.models import FleetKiosk, FleetStaffCall
from kiosk.fleet.store import TIMEZONE

DEVICES_SHOWN = ("printer", "scanner", "camera", "portal")


@dataclass(frozen=True)
class AlertRules:
    silent_after: timedelta = timedelta(minutes=10)  # no event for this long: red
    queue_too_old: timedelta = timedelta(hours=1)  # oldest queued dossier older: amber
    hotline_after: timedelta = timedelta(minutes=3)  # the kiosk shows the hotline after this (told to kiosks)


@dataclass
class KioskState:
    kiosk: FleetKiosk
    level: str = "green"
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        k = self.kiosk
        return {
            "id": k.id,
            "name": k.name,
            "commune": k.commune,
            "group": k.group,
            "level": self.level,
            "reasons": self.reasons,
            "last_seen_at": k.last_seen_at.isoformat() if k.last_seen_at else None,
            "queued": k.queued,
            "oldest_age_s": k.oldest_age_s,
            "health": k.health,
            "version": k.version,
        }


def assess(kiosk: FleetKiosk, now: datetime, rules: AlertRules) -> KioskState:
    state = KioskState(kiosk)

    def worse(level: str, reason: str) -> None:
        state.reasons.append(reason)
        if level == "red" or state.level == "green":
            state.level = level

    if kiosk.last_seen_at is None:
        worse("amber", "chưa từng báo / never reported")
    elif now - kiosk.last_seen_at > rules.silent_after:
        minutes = int((now - kiosk.last_seen_at).total_seconds() // 60)
        worse("red", f"im lặng {minutes} phút / silent for {minutes} min")
    for device, level in sorted((kiosk.health or {}).items()):
        if level == "error":
            worse("red", f"{device}: hỏng / failing")
        elif level == "warn":
            worse("amber", f"{device}: cần xem / needs a look")
    if kiosk.queued and kiosk.oldest_age_s > rules.queue_too_old.total_seconds():
        hours = kiosk.oldest_age_s / 3600
        worse("amber", f"hàng đợi {kiosk.queued} hồ sơ, cũ nhất {hours:.1f} giờ / queue too old")
    return state


def snapshot(
    kiosks: list[FleetKiosk], calls: list[FleetStaffCall], now: datetime, rules: AlertRules
) -> dict[str, Any]:
    # Worst first: with hundreds of kiosks, the ones that need someone are at the top.
    order = {"red": 0, "amber": 1, "green": 2}
    states = sorted((assess(k, now, rules) for k in kiosks), key=lambda s: (order[s.level], s.kiosk.id))
    names = {k.id: k.name for k in kiosks}
    return {
        "now": now.isoformat(),
        "counts": {level: sum(s.level == level for s in states) for level in ("green", "amber", "red")},
        "kiosks": [s.to_json() for s in states],
        "alerts": [
            {"kiosk_id": s.kiosk.id, "level": s.level, "reason": r}
            for s in states
            if s.level != "green"
            for r in s.reasons
        ],
        "calls": [
            {
                "call_id": c.call_id,
                "kiosk_id": c.kiosk_id,
                "kiosk_name": names.get(c.kiosk_id, ""),
                "called_at": c.called_at.isoformat(),
                "waiting_s": max(0, int((now - c.called_at).total_seconds())),
            }
            for c in calls
        ],
    }


def _local(text: str | None) -> str:
    if not text:
        return "—"
    return datetime.fromisoformat(text).astimezone(TIMEZONE).strftime("%d/%m %H:%M")


def render_fragment(snap: dict[str, Any]) -> str:
    """The live part of the page (calls, alerts, kiosks), fetched again by the page every two seconds."""
    out: list[str] = []
    counts = snap["counts"]
    out.append(
        f'<p class="counts"><span class="dot green"></span>{counts["green"]} '
        f'<span class="dot amber"></span>{counts["amber"]} <span class="dot red"></span>{counts["red"]}'
        f" — {len(snap['kiosks'])} kiosk</p>"
    )
    out.append(f'<h2>Gọi nhân viên / Staff calls ({len(snap["calls"])})</h2><ul id="calls">')
    for call in snap["calls"]:
        out.append(
            f'<li class="call" data-call="{escape(call["call_id"])}"><b>{escape(call["kiosk_name"])}'
            f"</b> ({escape(call['kiosk_id'])}) — chờ {call['waiting_s']} s "
            f'<button class="ack" data-call="{escape(call["call_id"])}">Đã nhận — đang đến / '
            f"Acknowledge</button></li>"
        )
    if not snap["calls"]:
        out.append('<li class="none">Không có / none</li>')
    out.append('</ul><h2>Cảnh báo / Alerts</h2><ul id="alerts">')
    for alert in snap["alerts"][:200]:
        out.append(
            f'<li class="{alert["level"]}">{escape(alert["kiosk_id"])}: {escape(alert["reason"])}</li>'
        )
    if not snap["alerts"]:
        out.append('<li class="none">Không có / none</li>')
    out.append(
        '</ul><h2>Kiosk</h2><table id="kiosks"><thead><tr><th></th><th>Kiosk</th><th>Xã/phường</th>'
        "<th>Lần cuối / last seen</th><th>Hàng đợi / queue</th>"
        + "".join(f"<th>{d}</th>" for d in DEVICES_SHOWN)
        + "<th>Phiên bản</th></tr></thead><tbody>"
    )
    for k in snap["kiosks"]:
        health = k["health"] or {}
        cells = "".join(
            f'<td class="dev {escape(str(health.get(d, "")))}">{escape(str(health.get(d, "—")))}</td>'
            for d in DEVICES_SHOWN
        )
        queue = f"{k['queued']} / {k['oldest_age_s'] // 60} ph" if k["queued"] else "0"
        out.append(
            f'<tr class="kiosk {k["level"]}" data-kiosk="{escape(k["id"])}" '
            f'title="{escape("; ".join(k["reasons"]))}"><td><span class="dot {k["level"]}"></span></td>'
            f"<td>{escape(k['name'])}<br><small>{escape(k['id'])}</small></td>"
            f"<td>{escape(k['commune'])}</td><td>{_local(k['last_seen_at'])}</td><td>{queue}</td>"
            f"{cells}<td>{escape(k['version'] or '—')}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Kiosk Dịch vụ công — đội kiosk</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.4 "Noto Sans",sans-serif;margin:1em 2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.2em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left}
.dot{display:inline-block;width:12px;height:12px;border-radius:6px;margin:0 4px}
.dot.green{background:#2e9d3a}.dot.amber{background:#e8a400}.dot.red{background:#d12a2a}
li.red{color:#b00}li.amber{color:#8a5a00}td.dev.error{background:#fbd0d0}td.dev.warn{background:#fdecc0}
#calls li.call{background:#fff3c4;padding:6px;margin:4px 0;font-size:1.1em}
button.ack{font-size:1em;margin-left:1em;padding:4px 10px}
nav a{margin-right:1em}
</style></head><body>
<h1>Kiosk Dịch vụ công — đội kiosk / fleet</h1>
<nav><a href="/reports">Báo cáo / Reports</a><a href="/metrics">/metrics</a></nav>
<div id="live">__FRAGMENT__</div>
<script>
async function refresh(){
  try{const r=await fetch('/dashboard/fragment',{cache:'no-store'});
      if(r.ok){document.getElementById('live').innerHTML=await r.text();}}catch(e){}
}
document.addEventListener('click',async ev=>{
  const b=ev.target.closest('button.ack'); if(!b) return;
  b.disabled=true;
  await fetch('/api/v1/staff-calls/'+b.dataset.call+'/ack',{method:'POST'});
  refresh();
});
setInterval(refresh,2000);
</script></body></html>"""


def render_page(snap: dict[str, Any]) -> str:
    return PAGE.replace("__FRAGMENT__", render_fragment(snap))
