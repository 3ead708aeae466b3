"""`kiosk scanner list|scan`: the scanner from the command line, through the scanner service (a driver that
hangs fails the command after the page deadline instead of hanging the terminal). The scanner modules of
kiosk.capture return data and typed errors; this module prints them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import cast

from kiosk.capture.scanner import Mode, ScannerError, ScanSettings, Source
from kiosk.capture.scanner_service import default_service, scan_to_pdf

_PROG = "kiosk scanner"


def _report_error(error: ScannerError) -> None:
    from kiosk.commands.words import say

    print(f"{_PROG}: {error} [{error.notice.code}]", file=sys.stderr)
    print(f"{_PROG}: {say(error.notice)}", file=sys.stderr)


def cli_list(as_json: bool, *, local_only: bool = False) -> int:
    """`kiosk scanner list [--json]`: `[{"device", "vendor", "model", "kind"}]` or a table. 0 ok, 1 error.

    `local_only` skips the network search (seconds) and lists directly attached scanners only."""
    try:
        scanners = default_service().list_scanners(local_only=local_only)
    except ScannerError as error:
        _report_error(error)
        return 1
    if as_json:
        print(json.dumps([s.to_json() for s in scanners], ensure_ascii=False))
        return 0
    if not scanners:
        print("no scanners found", file=sys.stderr)
        return 0
    rows = [("DEVICE", "VENDOR", "MODEL", "KIND")] + [(s.device, s.vendor, s.model, s.kind) for s in scanners]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)) + "  " + row[3])
    return 0


def cli_scan(device: str, out: str | Path, source: str, mode: str, dpi: int, as_json: bool) -> int:
    """`kiosk scanner scan --device D -o OUT.pdf [--source flatbed|feeder] [--mode color|gray|bw] [--dpi N]`.

    The feeder source scans every sheet in it. Prints `{"output", "pages", "pdf_bytes", "dpi", "mode"}` with
    --json, else one line. Exit 0 ok; 1 on a scanner error (settings refused and a driver that stops
    answering included) or an unwritable output, with the message on stderr in English and Vietnamese."""
    try:
        settings = ScanSettings(source=cast(Source, source), mode=cast(Mode, mode), dpi=dpi)
        report = scan_to_pdf(device, Path(out), settings, feeder=settings.source == "feeder")
    except ScannerError as error:
        _report_error(error)
        return 1
    except OSError as error:
        print(f"{_PROG}: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(f"{report.output}: {report.pages} page(s), {report.pdf_bytes} bytes, {report.dpi} dpi, "
              f"{report.mode}")
    return 0


def cmd_scanner_list(args: argparse.Namespace) -> int:
    return cli_list(args.json, local_only=args.local)


def cmd_scanner_scan(args: argparse.Namespace) -> int:
    return cli_scan(args.device, args.output, args.source, args.mode, args.dpi, args.json)
