"""`kiosk outbox status|retry|purge` and `kiosk keys rotate`: the queue on this kiosk, printed."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from kiosk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    PROG,
    load,
    open_outbox,
    print_json,
    start_logging,
    storage_failed,
    store_errors,
)
from kiosk.commands.words import both
from kiosk.domain.notice import Notice
from kiosk.logs import escape_control

if TYPE_CHECKING:
    from kiosk.store.outbox import OutboxItem


def outbox_entry_record(item: OutboxItem) -> dict[str, Any]:
    """One entry of `kiosk outbox status --json`: clear (non-personal) columns only."""
    return {
        "id": str(item.id),
        "dossier_id": item.dossier_id,
        "idempotency_key": item.idempotency_key,
        "procedure_code": item.procedure_code,
        "client_status": item.client_status.value,
        "server_status": item.server_status,
        "dossier_code": item.dossier_code,
        "attempts": item.attempts,
        "last_error": item.last_error,
        "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
        "next_attempt_at": item.next_attempt_at.isoformat(),
        "sent_at": item.sent_at.isoformat() if item.sent_at else None,
        "server_status_at": item.server_status_at.isoformat() if item.server_status_at else None,
        "delivery_method": item.delivery_method,
        "delivery_ref": item.delivery_ref,
        "purged_at": item.purged_at.isoformat() if item.purged_at else None,
    }


def cmd_outbox_status(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=True)
    try:
        outbox = open_outbox(config)
        counts = outbox.counts()
        entries = [outbox_entry_record(item) for item in outbox.entries()]
    except store_errors() as error:
        return storage_failed("outbox status", error)
    if args.json:
        print_json({"counts": counts, "entries": entries})
        return EXIT_OK
    print("  ".join(f"{status}: {count}" for status, count in counts.items()))
    if not entries:
        print(both(Notice("cli.outbox.empty")))
        return EXIT_OK
    columns = (
        "id", "client_status", "server_status", "attempts", "dossier_code", "procedure_code", "created_at",
        "last_error",
    )
    # Portal texts (last_error) reach the terminal escaped: no escape sequences, no forged rows.
    rows = [[("-" if entry[c] is None else escape_control(str(entry[c]))) for c in columns]
            for entry in entries]
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(columns)]
    for row in [[c.upper() for c in columns], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def cmd_outbox_retry(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=True)
    from kiosk.store.outbox import InvalidTransitionError, UnknownDossierError

    try:
        outbox = open_outbox(config)
        item = outbox.retry(args.entry_id)
    except UnknownDossierError:
        print(f"{PROG}: outbox retry: {both(Notice('cli.outbox.no_entry', {'entry': args.entry_id}))}",
              file=sys.stderr)
        return EXIT_FAILED
    except InvalidTransitionError as error:
        print(f"{PROG}: outbox retry: {both(Notice('cli.outbox.no_retry', {'reason': str(error)}))}",
              file=sys.stderr)
        return EXIT_FAILED
    except store_errors() as error:
        return storage_failed("outbox retry", error)
    if args.json:
        print_json(outbox_entry_record(item))
    else:
        print(both(Notice("cli.outbox.queued_again", {"entry": str(item.id), "attempts": item.attempts})))
    return EXIT_OK


def cmd_outbox_purge(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=True)
    from kiosk.app import purge_expired

    try:
        report, receipts = purge_expired(config, dry_run=args.dry_run)
    except store_errors() as error:
        return storage_failed("outbox purge", error)
    if args.json:
        print_json({
            "dry_run": report.dry_run,
            "dossier_ids": list(report.dossier_ids),
            "files_removed": report.files_removed,
            "audit_events_removed": report.audit_events_removed,
            "receipts_removed": receipts,
        })
        return EXIT_OK
    print(both(Notice("cli.outbox.would_purge" if report.dry_run else "cli.outbox.purged", {
        "dossiers": len(report.dossier_ids), "events": report.audit_events_removed,
        "files": report.files_removed})))
    for dossier_id in report.dossier_ids:
        print(f"  {dossier_id}")
    return EXIT_OK


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=True)
    try:
        outbox = open_outbox(config)
        old, report = outbox.rotate_key()
    except store_errors() as error:
        return storage_failed("keys rotate", error)
    result = {"old_key_id": old, "key_id": report.key_id, "payloads": report.payloads,
              "file_metadata": report.file_metadata, "files": report.files}
    if args.json:
        print_json(result)
    else:
        print(both(Notice("cli.keys.rotated", {"key_id": report.key_id, "old": old,
                                               "payloads": report.payloads, "records": report.file_metadata,
                                               "files": report.files})))
    return EXIT_OK
