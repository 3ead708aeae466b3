"""How the sandbox portal judges a dossier's content against the procedure it is filed under.

Each check returns ``{field: reason}`` (empty when all is well) so the portal can answer with every
problem at once. Reasons are short English phrases for staff and logs; they never echo the value
(a dossier holds personal data).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import jsonschema

from kiosk.domain.applicant import AUTHORISATION_TYPE_CODE, ApplicantKind, applicant_problems, kind_of
from kiosk.sandbox import wire_models as wire

ALLOWED_CONTENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_applicant(applicant: dict[str, str | None], today: date | None = None) -> dict[str, str]:
    """The applicant against the rules of its kind (kiosk.domain.applicant): a citizen by a 12-digit ID
    number, a foreigner by passport and ICAO nationality, an organisation by a 10/13-digit code with its
    representative's ID, a person without an ID number by name, birth year and issuing data, a
    representative with the represented person's name and ID number."""
    return {f"applicant.{problem.field}": problem.detail
            for problem in applicant_problems(applicant, today=today)}


def _check_value(spec: wire.FormField, value: Any) -> str | None:
    rules = spec.validation
    if spec.type == "checkbox":
        return None if isinstance(value, bool) else "must be true or false"
    if spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        if rules.min is not None and value < rules.min:
            return f"must be at least {rules.min}"
        if rules.max is not None and value > rules.max:
            return f"must be at most {rules.max}"
        return None
    if not isinstance(value, str):
        return "must be text"
    if spec.type == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return "must be a date YYYY-MM-DD"
        if len(value) != 10:
            return "must be a date YYYY-MM-DD"
    if spec.type == "select" and value not in {option.value for option in spec.options}:
        return "is not one of the offered choices"
    if rules.max_length is not None and len(value) > rules.max_length:
        return f"is longer than {rules.max_length} characters"
    if rules.pattern is not None and re.fullmatch(rules.pattern, value) is None:
        return "has the wrong format"
    return None


def _matches(schema: dict[str, Any], answers: dict[str, Any]) -> bool:
    return bool(jsonschema.Draft202012Validator(schema).is_valid(answers))


def check_answers(procedure: wire.Procedure, answers: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    specs = {spec.name: spec for spec in procedure.form.fields}
    for name in answers:
        if name not in specs:
            problems[name] = "is not a field of this procedure's form"
    for name, spec in specs.items():
        value = answers.get(name)
        if spec.visible_when is not None and not _matches(spec.visible_when, answers):
            continue  # hidden by the form's conditions: neither required nor judged
        required = spec.required or (spec.required_when is not None and _matches(spec.required_when, answers))
        if _blank(value):
            if required:
                problems[name] = "required"
            continue
        reason = _check_value(spec, value)
        if reason:
            problems[name] = reason
    return problems


def check_documents(procedure: wire.Procedure, documents: list[wire.DocumentManifest],
                    applicant: dict[str, str | None] | None = None) -> dict[str, str]:
    """Components against the procedure's list. Filing for someone else, the authorisation document
    (VBUQ) is required and accepted whether or not the procedure lists it."""
    problems: dict[str, str] = {}
    representative = applicant is not None and kind_of(applicant) is ApplicantKind.REPRESENTATIVE
    known = {doc.type_code for doc in procedure.documents}
    if representative:
        known.add(AUTHORISATION_TYPE_CODE)
    for index, doc in enumerate(documents):
        if doc.type_code not in known:
            problems[f"documents[{index}].type_code"] = "is not a component of this procedure"
        if doc.content_type.split(";")[0].strip().lower() not in ALLOWED_CONTENT_TYPES:
            problems[f"documents[{index}].content_type"] = "must be application/pdf, image/jpeg or image/png"
    attached = {doc.type_code for doc in documents}
    for required in procedure.documents:
        if required.mandatory and required.type_code not in attached:
            problems[f"documents.{required.type_code}"] = "mandatory component is missing"
    if representative and AUTHORISATION_TYPE_CODE not in attached:
        problems[f"documents.{AUTHORISATION_TYPE_CODE}"] = (
            "a representative filing for someone else must attach the authorisation document")
    return problems


def check_delivery(procedure: wire.Procedure, delivery: wire.SubmissionDelivery | None) -> dict[str, str]:
    """Post needs an address and a procedure that returns results by post; a home pickup also needs a
    procedure that accepts the paper dossier by post (`postal_submission_allowed`) and a slot."""
    if delivery is None or delivery.method in ("online", "counter"):
        return {}
    problems: dict[str, str] = {}
    if delivery.address is None:
        problems["delivery.address"] = "required for delivery by post"
    if not procedure.postal_return_allowed:
        problems["delivery.method"] = "this procedure does not return results by post"
    if delivery.method == "pickup":
        if not procedure.postal_submission_allowed:
            problems["delivery.method"] = "this procedure does not accept the paper dossier by post"
        if not delivery.pickup_slot_id:
            problems["delivery.pickup_slot_id"] = "required for a home pickup"
    return problems
