"""Benchmarks of the kiosk's capture paths on synthetic, reproducible corpora (`kiosk bench ...`).

Nothing here is imported by the kiosk itself; benches use only the public reader APIs in kiosk.capture.
"""
