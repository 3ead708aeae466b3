"""The province's view of its kiosks: a fleet service (events, dashboard, staff calls, reports) and the
kiosk-side event schema it shares with the kiosks. Nothing here imports Qt or the kiosk's UI."""
