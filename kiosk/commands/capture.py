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

if TYPE_CHECKING:
    from kiosk.capture.docscan import DocscanError
    from kiosk.capture.idcard_reader import CardReadResult


def idcard_record(file: str, result: CardReadResult) -> dict[str, Any]:
    """One line of `kiosk idcard read --json`."""
    record: dict[str, Any] = {"file": file, "ok": result.reading is not None}
    if result.reading is not None:
        record.update(result.reading.to_json_dict())
    else:
        record["error"] = result.message_en
        record["error_code"] = result.error_code
        if result.detail:
            record["detail"] = result.detail
    record["elapsed_ms"] = round(result.elapsed_ms, 1)
    return record


_SEX_VI = {"M": "Nam", "F": "Nữ"}


def _idcard_line(record: dict[str, Any], result: CardReadResult) -> str:
    elapsed = f"{record['elapsed_ms']:.1f} ms"
    if not record["ok"]:
        return f"{record['file']}: KHÔNG ĐỌC ĐƯỢC — {result.message_vi} ({elapsed})"
    if record.get("document"):
        doc = record["document"]
        return (f"{record['file']}: {result.message_vi} ({doc['format']}, {elapsed}) — "
                f"Số giấy tờ {doc['document_number']} · Nơi cấp {doc['issuing_state']} · "
                f"Quốc tịch {doc['nationality']} · Họ tên {doc['surname']} {doc['given_names']} · "
                f"Ngày sinh {doc['date_of_birth'] or '?'} · Có giá trị đến {doc['expiry_date'] or '?'}")
    parts = [
        f"Số định danh {record['id_number']}",
        f"Họ tên {record['full_name']}",
        f"Ngày sinh {record['date_of_birth'] or '?'}",
        f"Giới tính {_SEX_VI.get(record['sex'] or '', '?')}",
    ]
    if record["old_id_number"]:
        parts.append(f"CMND {record['old_id_number']}")
    if record["address"]:
        parts.append(f"Nơi thường trú {record['address']}")
    if record["issue_date"]:
        parts.append(f"Ngày cấp {record['issue_date']}")
    if record["expiry_date"]:
        parts.append(f"Có giá trị đến {record['expiry_date']}")
    line = f"{record['file']}: đọc được ({record['source'].upper()}, {elapsed}) — " + " · ".join(parts)
    warnings = result.reading.warnings if result.reading is not None else ()
    return "\n".join([line, *(f"    ! {w.message_vi}" for w in warnings)])


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
    for n, page in enumerate(report.pages, start=1):
        print(f"trang {n}: {page.source} → {page.width_px}×{page.height_px} px, "
              f"{page.effective_dpi} dpi thực, {page.bytes // 1024} KB, {page.elapsed_ms:.0f} ms"
              + (" (trống)" if page.blank else ""))
        for code in page.warnings:
            print(f"    ! {say(warning_notice(code), 'vi')} / {say(warning_notice(code), 'en')}")
    for each in report.errors:
        print(f"    ! bỏ qua / left out {each.source}: {say(each.notice, 'vi')} / {say(each.notice, 'en')}")
    print(f"{report.output}: {len(report.pages)} trang / pages, {report.pdf_bytes // 1024} KB")
    if report.metadata_file:
        print(f"{report.metadata_file}: metadata")
    return EXIT_FAILED if report.errors else EXIT_OK
