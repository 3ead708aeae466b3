"""Write the portal contract, kiosk/portal/openapi.yaml, from the sandbox application.

    python -m kiosk.sandbox.openapi_export            # rewrite the file
    python -m kiosk.sandbox.openapi_export --check    # exit 1 if the file is out of date

No YAML library is needed: the emitter below writes the small, safe subset of YAML that a JSON-like
document needs (block mappings and sequences; every string double-quoted in JSON syntax, which YAML
reads the same way). The output is deterministic, so a test can compare it byte for byte.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

OPENAPI_PATH = Path(__file__).resolve().parent.parent / "portal" / "openapi.yaml"
_PLAIN_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*")
# Words YAML 1.1 readers turn into booleans or null; such keys are quoted.
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _key(key: str) -> str:
    if _PLAIN_KEY.fullmatch(key) and key.lower() not in _RESERVED:
        return key
    return json.dumps(key, ensure_ascii=False)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _emit(value: Any, indent: int, lines: list[str]) -> None:
    pad = "  " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{_key(str(key))}:")
                _emit(item, indent + 1, lines)
            else:
                lines.append(f"{pad}{_key(str(key))}: {_inline(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list) and item:
                nested: list[str] = []
                _emit(item, indent + 1, nested)
                # The first line of the nested block moves up beside the dash.
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines.extend(nested[1:])
            else:
                lines.append(f"{pad}- {_inline(item)}")
    else:
        lines.append(f"{pad}{_scalar(value)}")


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def to_yaml(document: dict[str, Any]) -> str:
    lines = ["# Generated from the sandbox by `python -m kiosk.sandbox.openapi_export`; do not edit by hand."]
    _emit(document, 0, lines)
    return "\n".join(lines) + "\n"


def portal_openapi() -> dict[str, Any]:
    from kiosk.sandbox.app import create_app
    from kiosk.sandbox.store import SandboxStore

    with SandboxStore(None) as store:
        return create_app(store).openapi()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = to_yaml(portal_openapi())
    if "--check" in args:
        current = OPENAPI_PATH.read_text("utf-8") if OPENAPI_PATH.exists() else ""
        if current != text:
            print(
                f"{OPENAPI_PATH} is out of date; run python -m kiosk.sandbox.openapi_export", file=sys.stderr
            )
            return 1
        return 0
    OPENAPI_PATH.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
