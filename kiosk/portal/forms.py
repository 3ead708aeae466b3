"""Filling a procedure's form on the kiosk: prefill from the card, coerce typed text, validate.

The form spec comes from the portal catalogue, so a new procedure needs no kiosk code. Problems are
returned as reason codes that the UI turns into sentences in the citizen's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from kiosk.portal.models import FormField, FormSpec

# Reason codes, with the sentence shown under the field.
REASONS: dict[str, tuple[str, str]] = {
    "required": ("Xin điền mục này.", "Please fill in this field."),
    "number": ("Xin nhập một số.", "Please enter a number."),
    "min": ("Số này nhỏ quá.", "This number is too small."),
    "max": ("Số này lớn quá.", "This number is too large."),
    "date": ("Ngày chưa đúng (ngày/tháng/năm).", "The date is not valid (day/month/year)."),
    "choice": ("Xin chọn một mục trong danh sách.", "Please choose one of the options."),
    "too_long": ("Nội dung dài quá.", "This is too long."),
    "format": ("Nội dung chưa đúng định dạng.", "This is not in the expected format."),
    "phone": ("Số điện thoại chưa đúng (10 chữ số, bắt đầu bằng 0).",
              "The phone number is not valid (10 digits starting with 0)."),
}

_PHONE = re.compile(r"0\d{9}")


def reason_text(code: str, lang: str) -> str:
    vi, en = REASONS.get(code, REASONS["format"])
    return vi if lang.startswith("vi") else en


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


def check(form: FormSpec, answers: Mapping[str, Any]) -> dict[str, str]:
    """{field name: reason code} for every problem; empty when the answers can be submitted."""
    problems: dict[str, str] = {}
    for spec in form.fields:
        reason = check_field(spec, coerce(spec, answers.get(spec.name)))
        if reason:
            problems[spec.name] = reason
    return problems


def final_answers(form: FormSpec, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Coerced answers without blank optional fields (the portal treats absent and blank alike)."""
    out: dict[str, Any] = {}
    for spec in form.fields:
        value = coerce(spec, answers.get(spec.name))
        if value is None or (isinstance(value, str) and not value):
            continue
        out[spec.name] = value
    return out
