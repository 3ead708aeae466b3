"""The sandbox's procedure catalogue, loaded from seed_catalogue.json (package data beside this module).

The catalogue is validated once at start-up and served as fixed bytes, so its hash is stable: the hash
is the SHA-256 of the canonical JSON of the `procedures` list exactly as served (keys sorted, no
whitespace, UTF-8, non-ASCII unescaped). The seed must be in NFC with full diacritics; a decomposed
string is a mistake in the file and stops the sandbox rather than reaching a kiosk.
"""

from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from kiosk.sandbox import wire_models as wire

SEED_RESOURCE = "seed_catalogue.json"


def canonical_json_bytes(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def catalogue_hash(procedures: list[Any]) -> str:
    return hashlib.sha256(canonical_json_bytes(procedures)).hexdigest()


@dataclass(frozen=True)
class SandboxCatalogue:
    version: str
    hash: str
    procedures: tuple[wire.Procedure, ...]
    body: bytes = field(repr=False)  # the JSON response, computed once

    def find(self, code: str) -> wire.Procedure | None:
        return next((item for item in self.procedures if item.code == code), None)


def _non_nfc_paths(value: Any, path: str = "$") -> list[str]:
    if isinstance(value, str):
        return [] if unicodedata.is_normalized("NFC", value) else [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _non_nfc_paths(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _non_nfc_paths(item, f"{path}[{index}]")]
    return []


def build_catalogue(raw: Any) -> SandboxCatalogue:
    """Validate a catalogue document ``{"version", "procedures"}`` and freeze what will be served."""
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), str):
        raise ValueError("catalogue: expected an object with a version and procedures")
    bad = _non_nfc_paths(raw)
    if bad:
        raise ValueError(f"catalogue: text not in Unicode NFC at {', '.join(bad[:5])}")
    procedures = tuple(wire.Procedure.model_validate(item) for item in raw.get("procedures") or [])
    codes = [item.code for item in procedures]
    if len(set(codes)) != len(codes):
        raise ValueError("catalogue: procedure codes repeat")
    for procedure in procedures:
        names = [item.name for item in procedure.form.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"catalogue: {procedure.code} has repeated form field names")
        for form_field in procedure.form.fields:
            if form_field.type == "select" and not form_field.options:
                raise ValueError(f"catalogue: {procedure.code}.{form_field.name} is a select without options")
    # Serve what the models produce (defaults filled in), and hash exactly that.
    served = [item.model_dump(mode="json") for item in procedures]
    digest = catalogue_hash(served)
    body = canonical_json_bytes({"version": raw["version"], "hash": digest, "procedures": served})
    return SandboxCatalogue(version=raw["version"], hash=digest, procedures=procedures, body=body)


def load_seed_catalogue(path: Path | None = None) -> SandboxCatalogue:
    """The packaged seed catalogue, or another catalogue file (same format) for a training setup."""
    if path is None:
        return _packaged_seed()
    return build_catalogue(json.loads(path.read_text("utf-8")))


@functools.cache
def _packaged_seed() -> SandboxCatalogue:
    # Validated once per process (~0.25 s of pydantic): the packaged file does not change while the program
    # runs, and the result is frozen (frozen dataclass of frozen models), so every sandbox may share it.
    text = resources.files(__package__ or "kiosk.sandbox").joinpath(SEED_RESOURCE).read_text("utf-8")
    return build_catalogue(json.loads(text))
