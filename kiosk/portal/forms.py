"""Filling a procedure's form on the kiosk: prefill from the card, coerce typed text, validate.

The form spec comes from the portal catalogue, so a new procedure needs no kiosk code. Problems are
returned as reason codes that the UI turns into sentences in the citizen's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

import jsonschema

from kiosk.domain.notice import Notice
from kiosk.portal.models import FormField, FormSpec

#: Reason codes; the sentence shown under the field is the notice ``form.<code>`` (kiosk.ui.notice_texts).
REASONS: tuple[str, ...] = ("required", "number", "min", "max", "date", "choice", "too_long", "format",
                            "phone")
NOTICE_CODES = frozenset(f"form.{code}" for code in REASONS)

_PHONE = re.compile(r"0\d{9}")


def reason_notice(code: str) -> Notice:
    """What to tell the citizen under the field; an unknown code says "not in the expected format"."""
    return Notice(f"form.{code if code in REASONS else 'format'}")


def prefill(form: FormSpec, card: Mapping[str, str | None]) -> dict[str, Any]:
    """Initial answers: every field whose spec names a card field gets that value (empty otherwise)."""
    answers: dict[str, Any] = {}
    for spec in form.fields:
        value = card.get(spec.prefill.removeprefix("card.")) if spec.prefill else None
        if value and spec.type == "select" and value not in {o.value for o in spec.options}:
            value = None  # e.g. the card says "M" but the form offers other codes: let the citizen pick
        answers[spec.name] = (False if spec.type == "checkbox" else "") if value is None else value
    return answers


def coerce(spec: FormField, value: Any) -> Any:
    """Turn what the screen holds (text) into what the portal expects; leave bad input for `check`."""
    if spec.type == "number" and isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            return int(text) if re.fullmatch(r"-?\d+", text) else float(text.replace(",", "."))
        except ValueError:
            return value
    if spec.type == "checkbox":
        return value in (True, "true", "1", 1)
    if isinstance(value, str):
        return value.strip()
    return value


def check_field(spec: FormField, value: Any) -> str | None:
    blank = value is None or (isinstance(value, str) and not value.strip())
    if blank:
        return "required" if spec.required else None
    rules = spec.validation
    if spec.type == "checkbox":
        return None
    if spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "number"
        if rules.min is not None and value < rules.min:
            return "min"
        if rules.max is not None and value > rules.max:
            return "max"
        return None
    text = str(value)
    if spec.type == "date":
        try:
            date.fromisoformat(text)
        except ValueError:
            return "date"
        if len(text) != 10:
            return "date"
    if spec.type == "select" and text not in {o.value for o in spec.options}:
        return "choice"
    if spec.type == "phone":
        # The procedure's own pattern wins (some accept +84…); the default is the domestic 10-digit form.
        pattern = re.compile(rules.pattern) if rules.pattern else _PHONE
        return None if pattern.fullmatch(text) else "phone"
    if rules.max_length is not None and len(text) > rules.max_length:
        return "too_long"
    if rules.pattern is not None and re.fullmatch(rules.pattern, text) is None:
        return "format"
    return None


def _coerced(form: FormSpec, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as the portal will see them, so conditions compare numbers with numbers. Blank text counts
    as absent, as it does on the portal."""
    out: dict[str, Any] = {}
    for spec in form.fields:
        value = coerce(spec, answers.get(spec.name))
        if value is not None and not (isinstance(value, str) and not value):
            out[spec.name] = value
    return out


def _matches(schema: dict[str, Any], answers: Mapping[str, Any]) -> bool:
    return bool(jsonschema.Draft202012Validator(schema).is_valid(dict(answers)))


def is_visible(spec: FormField, answers: Mapping[str, Any], form: FormSpec | None = None) -> bool:
    """Whether the UI shows this field now. `visible_when` is a JSON Schema over all the answers."""
    if spec.visible_when is None:
        return True
    return _matches(spec.visible_when, _coerced(form, answers) if form else answers)


def is_required(spec: FormField, answers: Mapping[str, Any], form: FormSpec | None = None) -> bool:
    """Required now: always-required, or `required_when` matches; never while hidden."""
    if not is_visible(spec, answers, form):
        return False
    if spec.required:
        return True
    return spec.required_when is not None and _matches(
        spec.required_when, _coerced(form, answers) if form else answers
    )


def visible_fields(form: FormSpec, answers: Mapping[str, Any]) -> list[FormField]:
    """The fields to show for these answers, in form order (re-evaluate after every change)."""
    current = _coerced(form, answers)
    return [spec for spec in form.fields if is_visible(spec, current)]


def check(form: FormSpec, answers: Mapping[str, Any]) -> dict[str, str]:
    """{field name: reason code} for every problem; empty when the answers can be submitted. Hidden
    fields are skipped; a field whose `required_when` matches is required."""
    problems: dict[str, str] = {}
    current = _coerced(form, answers)
    for spec in form.fields:
        if not is_visible(spec, current):
            continue
        effective = spec if spec.required or not is_required(spec, current) else _as_required(spec)
        reason = check_field(effective, coerce(spec, answers.get(spec.name)))
        if reason:
            problems[spec.name] = reason
    return problems


def _as_required(spec: FormField) -> FormField:
    return replace(spec, required=True)


def final_answers(form: FormSpec, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Coerced answers without blank optional fields (the portal treats absent and blank alike) and
    without fields the form's conditions hide."""
    out: dict[str, Any] = {}
    current = _coerced(form, answers)
    for spec in form.fields:
        if not is_visible(spec, current):
            continue
        value = coerce(spec, answers.get(spec.name))
        if value is None or (isinstance(value, str) and not value):
            continue
        out[spec.name] = value
    return out
