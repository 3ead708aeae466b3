"""`kiosk idcard read` and `kiosk docscan`: reading cards and pages from files, printed for people or as
JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from kiosk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    load,
    print_json,
    start_logging,
)
from kiosk.domain.notice import Notice

if TYPE_CHECKING:
    from kiosk.capture.docscan import DocscanError
    from kiosk.capture.idcard_reader import CardReadResult


def idcard_record(file: str, result: CardReadResult) -> dict[str, Any]:
    """One line of `kiosk idcard read --json`: `error` and `warnings` in English words as documented (from
    the one catalogue), their codes beside them (`error_code`, `warning_codes`)."""
    from kiosk.commands.words import say

    record: dict[str, Any] = {"file": file, "ok": result.reading is not None}
    if result.reading is not None:
        record.update(result.reading.to_json_dict())
        record["warning_codes"] = record["warnings"]
        record["warnings"] = [say(w.notice, "en") for w in result.reading.warnings]
    else:
        record["error"] = say(result.notice, "en")
        record["error_code"] = result.error_code
        if result.detail:
            record["detail"] = result.detail
    record["elapsed_ms"] = round(result.elapsed_ms, 1)
    return record


#: The fields of a card, in the order `kiosk idcard read` prints them (words: cli.idcard.<field>).
_CARD_FIELDS = ("id_number", "full_name", "date_of_birth", "sex", "old_id_number", "address", "issue_date",
                "expiry_date")
_ALWAYS = frozenset({"id_number", "full_name", "date_of_birth", "sex"})


def _idcard_line(record: dict[str, Any], result: CardReadResult) -> str:
    """The line (and its warnings) for people, in the CLI's language (KIOSK_CLI_LANG)."""
    from kiosk.commands.words import cli_lang, say
    from kiosk.ui.texts import sex_text

    elapsed = f"{record['elapsed_ms']:.1f} ms"
    said = say(result.notice)
    if not record["ok"]:
        return say(Notice("cli.idcard.failed", {"file": record["file"], "message": said, "elapsed": elapsed}))
    if record.get("document"):
        doc = record["document"]
        return say(Notice("cli.idcard.document", {
            "file": record["file"], "message": said, "format": doc["format"], "elapsed": elapsed,
            "number": doc["document_number"], "state": doc["issuing_state"],
            "nationality": doc["nationality"],
            "name": f"{doc['surname']} {doc['given_names']}", "birth": doc["date_of_birth"] or "?",
            "expiry": doc["expiry_date"] or "?"}))
    values = dict(record, sex=sex_text(record["sex"], cli_lang()) if record["sex"] else None)
    parts = [say(Notice(f"cli.idcard.{name}", {"value": values[name] or "?"})) for name in _CARD_FIELDS
             if name in _ALWAYS or values[name]]
    line = say(Notice("cli.idcard.read", {"file": record["file"], "source": record["source"].upper(),
                                          "elapsed": elapsed, "fields": " · ".join(parts)}))
    warnings = result.reading.warnings if result.reading is not None else ()
    return "\n".join([line, *(f"    ! {say(w.notice)}" for w in warnings)])


#: The words of `kiosk idcard read` and `kiosk docscan` (kiosk.ui.notice_texts, CLI section).
NOTICE_CODES = frozenset({"cli.idcard.failed", "cli.idcard.document", "cli.idcard.read",
                          *(f"cli.idcard.{name}" for name in _CARD_FIELDS),
                          "cli.docscan.page", "cli.docscan.blank", "cli.docscan.left_out",
                          "cli.docscan.done"})


def cmd_idcard_read(args: argparse.Namespace) -> int:
    config = load(args)
    start_logging(config, quiet_console=True)
    from kiosk.capture.idcard_reader import IdCardReader

    reader = IdCardReader()
    all_read = True
    for file in args.images:
        result = reader.read_image_file(file)
        record = idcard_record(file, result)
        all_read = all_read and record["ok"]
        if args.json:
            print_json(record)
        else:
            print(_idcard_line(record, result))
        sys.stdout.flush()  # one line per image as it is read, also into a pipe
    return EXIT_OK if all_read else EXIT_FAILED


def docscan_error_record(error: DocscanError) -> dict[str, Any]:
    """One error of `kiosk docscan --json`: code, source, notice (code, params) and, as before, the words
    in both languages (message_vi, message_en) — from the one catalogue."""
    from kiosk.commands.words import say

    words = {"message_vi": say(error.notice, "vi"), "message_en": say(error.notice, "en")}
    return error.to_json_dict() | words


def cmd_docscan(args: argparse.Namespace) -> int:
    """`kiosk docscan IMAGE... -o OUT.pdf [--mode color|gray|bw] [--dpi 200] [--json]`: one PDF page per
    image. With --json prints one object: output, pdf_bytes, sha256, metadata_file and per page source,
    corners (source pixels, clockwise from top-left), width_px, height_px, effective_dpi, bytes, blank,
    warnings (codes), elapsed_ms, paper, rotation. Exit 1 when an image cannot be read (nothing is
    written), 2 on a usage error (a bad --metadata file included)."""
    config = load(args)
    start_logging(config, quiet_console=True)
    from kiosk.capture.docscan import DocscanError, scan_documents, warning_notice
    from kiosk.capture.page_enhance import EnhanceOptions
    from kiosk.commands.words import say
    from kiosk.domain.documents import DocumentMetadata, DocumentMetadataError

    metadata = None
    if args.metadata is not None:
        try:
            metadata = DocumentMetadata.from_json_dict(json.loads(args.metadata.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, AttributeError) as error:
            if isinstance(error, DocumentMetadataError):
                detail: object = f"{say(error.notices)} / {error}"
            else:
                detail = error
            print(f"{PROG}: docscan: --metadata {args.metadata}: {detail}", file=sys.stderr)
            return EXIT_USAGE
    options = EnhanceOptions(mode=args.mode, dpi=args.dpi, paper=args.paper)
    try:
        report = scan_documents(args.images, args.output, options=options, metadata=metadata,
                                keep_going=args.keep_going)
    except DocscanError as error:
        for each in error.errors:
            print(f"{PROG}: docscan: {say(each.notice, 'vi')}", file=sys.stderr)
            print(f"{PROG}: docscan: {say(each.notice, 'en')}", file=sys.stderr)
        if args.json:
            print_json({"output": None, "error": docscan_error_record(error),
                         "errors": [docscan_error_record(e) for e in error.errors]})
        return EXIT_FAILED
    if args.json:
        print_json(report.to_json_dict() | {"errors": [docscan_error_record(e) for e in report.errors]})
        return EXIT_FAILED if report.errors else EXIT_OK
    for n, page in enumerate(report.pages, start=1):  # in the CLI's language (KIOSK_CLI_LANG)
        print(say(Notice("cli.docscan.page", {
            "number": n, "source": page.source, "width": page.width_px, "height": page.height_px,
            "dpi": page.effective_dpi, "kb": page.bytes // 1024, "ms": round(page.elapsed_ms)}))
            + (say(Notice("cli.docscan.blank")) if page.blank else ""))
        for code in page.warnings:
            print(f"    ! {say(warning_notice(code))}")
    for each in report.errors:
        print(say(Notice("cli.docscan.left_out", {"source": each.source, "message": say(each.notice)})))
    print(say(Notice("cli.docscan.done", {"output": report.output, "pages": len(report.pages),
                                          "kb": report.pdf_bytes // 1024})))
    if report.metadata_file:
        print(f"{report.metadata_file}: metadata")
    return EXIT_FAILED if report.errors else EXIT_OK
