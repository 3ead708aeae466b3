"""`kiosk dossier create`: queue a dossier from files (staff, training, tests)."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    load,
    open_outbox,
    print_json,
    start_logging,
    storage_failed,
    store_errors,
)
from kiosk.commands.words import both, say
from kiosk.domain.notice import Notice


def cmd_dossier_create(args: argparse.Namespace) -> int:
    """`kiosk dossier create --procedure CODE --owner ID --attach [TYPE=]FILE... [--delivery post] [--json]`:
    check the dossier against the (cached) catalogue, queue it (files first, then one transaction) and
    print `{"id", "dossier_id", "idempotency_key"}`. A dossier the portal could never accept: exit 2."""
    import uuid

    config = load(args)
    start_logging(config, quiet_console=True)
    from kiosk.app import cached_catalogue
    from kiosk.domain.dossier import Dossier
    from kiosk.sync.dossier_from_files import delivery_from_text, documents_from_files, dossier_defaults
    from kiosk.sync.submit import DossierRefused, check_against, queue_dossier

    def refuse(*notices: Notice, detail: str = "") -> int:
        """The refusal in both languages (the catalogue's words), then the English detail for staff."""
        for lang in ("vi", "en"):
            print(f"{PROG}: dossier create: {say(notices, lang)}", file=sys.stderr)
        if detail:
            print(f"{PROG}: dossier create: {detail}", file=sys.stderr)
        return EXIT_USAGE

    catalogue = cached_catalogue(config)
    if catalogue is None:
        return refuse(Notice("cli.dossier.no_catalogue"))
    procedure = catalogue.find(args.procedure)
    applicant, answers, type_codes = dossier_defaults(procedure, args.owner)
    if args.answers is not None:
        try:
            given = json.loads(args.answers.read_text(encoding="utf-8"))
            if not isinstance(given, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as error:
            print(f"{PROG}: dossier create: --answers {args.answers}: {error}", file=sys.stderr)
            return EXIT_USAGE
        applicant.update(given.get("applicant") or {})
        answers = dict(given.get("answers") or {})
    applicant["id_number"] = args.owner
    try:
        documents = documents_from_files(args.attach, type_codes, args.owner)
    except OSError as error:
        print(f"{PROG}: dossier create: {error.filename}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        delivery = delivery_from_text(args.delivery, args.address, args.postage, applicant, answers)
        dossier = Dossier(procedure_code=args.procedure, applicant=applicant, answers=answers,
                          documents=tuple(documents), delivery=delivery,
                          fee_vnd=procedure.fee_vnd if procedure is not None else 0)
        check_against(procedure, dossier)
    except DossierRefused as error:
        return refuse(*error.notices, detail=str(error))
    except ValueError as error:
        return refuse(Notice("cli.dossier.bad_address", {"error": str(error)}))
    key = args.key or str(uuid.uuid4())
    try:
        outbox = open_outbox(config)
        dossier_id = queue_dossier(outbox, dossier, key)
        item = outbox.for_dossier(dossier_id)
    except ValueError as error:
        print(f"{PROG}: dossier create: {error}", file=sys.stderr)
        return EXIT_USAGE
    except store_errors() as error:
        return storage_failed("dossier create", error)
    if args.json:
        print_json({"id": str(item.id), "dossier_id": dossier_id, "idempotency_key": key})
    else:
        print(both(Notice("cli.dossier.queued", {"entry": str(item.id), "dossier": dossier_id, "key": key})))
    return EXIT_OK
