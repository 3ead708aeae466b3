"""`kiosk bench …`: each command runs a tool of kiosk.bench and prints its table (or JSON)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from kiosk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    load,
    print_json,
)


def cmd_bench_idcard(args: argparse.Namespace) -> int:
    """`kiosk bench idcard [DIR] [--count N] [--seed S] [--json]`: read a corpus of synthetic card frames
    (easy / medium / hard camera conditions; generated into DIR, or a temporary folder, unless DIR already
    holds one) with zxing-cpp alone and the kiosk's reader; print read rate, misread rate and
    median / 95th-percentile ms per frame for each condition, code type and method. Progress goes to
    stderr; the table (or with --json one JSON object) to stdout. Takes minutes at the default size."""
    from kiosk.bench.idcard_bench import print_result, run_bench

    def progress(message: str) -> None:
        print(f"{PROG} bench idcard: {message}", file=sys.stderr, flush=True)

    try:
        result = run_bench(args.corpus, args.count, args.seed, progress=progress)
    except (OSError, ValueError, KeyError) as error:  # an unwritable folder, a damaged or foreign manifest
        print(f"{PROG}: bench idcard: {error}", file=sys.stderr)
        return EXIT_USAGE
    from kiosk.bench.real_photos import format_passports, run_passports

    passports = run_passports(progress=progress)  # skipped when the snapshot is absent
    from kiosk.bench.idcard_live import format_live, run_live

    live = run_live(args.sequences, args.live_seed, progress=progress) if args.sequences > 0 else None
    if args.json:
        print_json({**result.to_json_dict(), "real_passports": passports.to_json_dict(),
                    "live": live.to_json_dict() if live else None})
        return EXIT_OK
    print_result(result)
    print()
    print(format_passports(passports))
    if live is not None:
        print()
        print(format_live(live))
    return EXIT_OK


def cmd_bench_docscan(args: argparse.Namespace) -> int:
    """`kiosk bench docscan [--count N] [--seed S] [--no-ocr] [--json]`: generate N synthetic document photos
    (8–13 MP, Vietnamese administrative letters on varied backgrounds) and print corner accuracy (ours vs a
    plain Canny + contour detector), ms per page by image size, bytes per A4 page at 200 dpi (colour, grey,
    black-and-white, JPEG variants, and img2pdf of the uncorrected photo) and Tesseract `vie` word accuracy.
    Progress goes to stderr, the table (or with --json one JSON object) to stdout."""
    from kiosk.bench.docscan_bench import print_result, run_bench

    def progress(message: str) -> None:
        print(f"{PROG} bench docscan: {message}", file=sys.stderr, flush=True)

    result = run_bench(args.count, args.seed, ocr=not args.no_ocr, scale=min(1.0, args.scale),
                       progress=progress)
    from kiosk.bench.real_photos import format_documents, run_documents

    real = run_documents(turns=not args.no_turns, progress=progress)  # skipped when the snapshots are absent
    if args.json:
        print_json({**result.to_json_dict(), "real_photos": real.to_json_dict()})
        return EXIT_OK
    print_result(result)
    print()
    print(format_documents(real))
    return EXIT_OK


def cmd_bench_soak(args: argparse.Namespace) -> int:
    """`kiosk bench soak [--journeys N] [--json]`: see kiosk.bench.soak. Offscreen, in a scratch data folder
    with its own sandbox portal, like `kiosk demo`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    try:
        config = load(args, data_dir=scratch / "data")
        from kiosk.bench.soak import print_soak
        from kiosk.bench.soak_window import soak_kiosk  # Qt: only when it runs

        def progress(sample: Any) -> None:
            print(f"{PROG} bench soak: {sample.journey} journeys, {sample.seconds:.0f} s, "
                  f"RSS {sample.rss / 2**20:.1f} MB", file=sys.stderr, flush=True)

        result = soak_kiosk(config, args.journeys, progress=progress)
        if args.json:
            print(json.dumps(result.to_json_dict(), indent=2))
        else:
            print_soak(result)
        return EXIT_OK if result.ok else EXIT_FAILED
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def cmd_bench_startup(args: argparse.Namespace) -> int:
    """`kiosk bench startup`: see kiosk.bench.startup_bench (scratch data folder, own sandbox per launch)."""
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-startup-"))
    try:
        from kiosk.bench.startup_bench import run_startup_bench

        return run_startup_bench(scratch / "data")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def cmd_bench_journey(args: argparse.Namespace) -> int:
    """`kiosk bench journey`: see kiosk.bench.journey_bench (offscreen, scratch data folder, own sandbox)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-journey-"))
    try:
        config = load(args, data_dir=scratch / "data")
        from kiosk.app import build_services
        from kiosk.bench.journey_bench import run_journey_bench  # Qt: only here

        return run_journey_bench(config, build_services)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def cmd_bench_typing(args: argparse.Namespace) -> int:
    from kiosk.bench.typing_bench import print_bench, run_bench

    print_bench(run_bench())
    return EXIT_OK


def cmd_bench_outbox(args: argparse.Namespace) -> int:
    """`kiosk bench outbox [--count N] [--doc-kb KB] [--fault-rate R] [--json]`: see outbox_bench."""
    from kiosk.bench.outbox_bench import print_result, run_bench

    def progress(message: str) -> None:
        print(f"{PROG} bench outbox: {message}", file=sys.stderr, flush=True)

    result = run_bench(args.count, doc_kb=args.doc_kb, fault_rate=min(args.fault_rate, 0.9),
                       progress=progress)
    print_result(result, as_json=args.json)
    return EXIT_OK


def cmd_bench_fleet(args: argparse.Namespace) -> int:
    """`kiosk bench fleet`: see kiosk.bench.fleet_bench (a throwaway PostgreSQL unless --database)."""
    from kiosk.bench.fleet_bench import print_result, run_bench

    def progress(message: str) -> None:
        print(f"kiosk bench fleet: {message}", file=sys.stderr, flush=True)

    result = run_bench(
        kiosks=args.kiosks,
        days=args.days,
        database=args.database,
        max_seconds=args.max_seconds,
        senders=args.senders,
        progress=progress,
    )
    print_result(result, as_json=args.json)
    return EXIT_OK
