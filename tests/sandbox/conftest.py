"""Fixtures for sandbox tests: a real SandboxServer on a free loopback port with its data in a temp dir,
a clock the test controls, a raw multipart poster, and a checker for the OpenAPI schemas."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.portal.models import Catalogue, DossierSubmission
from kiosk.sandbox.app import create_app
from kiosk.sandbox.catalogue import load_seed_catalogue
from kiosk.sandbox.server import SandboxServer
from kiosk.sandbox.store import SandboxStore


class FakeClock:
    """Starts at 2025-07-01 09:00 Vietnam time; tests move it to cross days."""

    def __init__(self) -> None:
        self.now = datetime(2025, 7, 1, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox_dir(tmp_path: Path) -> Path:
    return tmp_path / "sandbox-data"


@pytest.fixture
def sandbox(sandbox_dir: Path, clock: FakeClock) -> Iterator[SandboxServer]:
    server = SandboxServer(sandbox_dir, clock=clock)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    seed = load_seed_catalogue()
    return Catalogue.from_json(json.loads(seed.body))


PostDossier = Callable[..., requests.Response]


@pytest.fixture
def post_dossier(http: requests.Session) -> PostDossier:
    """POST a submission as raw multipart, with hooks to tamper with the manifest or the file bytes."""

    def post(
        base_url: str,
        sub: DossierSubmission,
        *,
        manifest: dict[str, Any] | None = None,
        contents: dict[int, bytes] | None = None,
        extra_parts: list[tuple[str, tuple[str, bytes, str]]] | None = None,
        key: str | None = None,
    ) -> requests.Response:
        body = manifest if manifest is not None else sub.manifest()
        files: list[tuple[str, tuple[str | None, bytes, str]]] = [
            ("dossier", (None, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json"))
        ]
        for index, doc in enumerate(sub.documents):
            content = (contents or {}).get(index, doc.content)
            files.append((f"document-{index}", (f"document-{index}.pdf", content, doc.content_type)))
        files.extend(extra_parts or [])
        headers = {} if key == "" else {"Idempotency-Key": key or sub.idempotency_key}
        return http.post(f"{base_url}/api/v1/dossiers", files=files, headers=headers, timeout=10)

    return post


# --- OpenAPI schema checking ---------------------------------------------------------------------------
# jsonschema is not installed in this environment, so this checks the subset of JSON Schema that the
# generated document uses.


def _type_ok(value: Any, kind: str) -> bool:
    return {
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "null": value is None,
    }[kind]


def schema_errors(value: Any, schema: dict[str, Any], doc: dict[str, Any], path: str = "$") -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        return schema_errors(value, doc["components"]["schemas"][name], doc, path)
    errors: list[str] = []
    if "anyOf" in schema:
        if all(schema_errors(value, option, doc, path) for option in schema["anyOf"]):
            errors.append(f"{path}: matches none of anyOf")
        return errors
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(_type_ok(value, k) for k in kinds):
            return [f"{path}: expected {kind}, got {type(value).__name__}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in enum")
    if isinstance(value, str):
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            errors.append(f"{path}: does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{path}: too short")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errors.append(f"{path}: too long")
        if schema.get("format") == "date-time":
            try:
                datetime.fromisoformat(value)
            except ValueError:
                errors.append(f"{path}: not a date-time")
    if _type_ok(value, "number") and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: below minimum")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{path}: missing {name}")
        for name, item in value.items():
            if name in properties:
                errors.extend(schema_errors(item, properties[name], doc, f"{path}.{name}"))
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected property {name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors.extend(schema_errors(item, schema["additionalProperties"], doc, f"{path}.{name}"))
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors.extend(schema_errors(item, schema["items"], doc, f"{path}[{index}]"))
    return errors


@pytest.fixture(scope="session")
def openapi_doc() -> dict[str, Any]:
    with SandboxStore(None) as store:
        return create_app(store).openapi()


ResponseChecker = Callable[[str, str, requests.Response], None]


@pytest.fixture
def check_response(openapi_doc: dict[str, Any]) -> ResponseChecker:
    """Assert that a real response matches the contract's schema for (path template, method, status)."""

    def check(path: str, method: str, response: requests.Response) -> None:
        operation = openapi_doc["paths"][path][method.lower()]
        declared = operation["responses"].get(str(response.status_code))
        assert declared is not None, f"{method} {path} answered {response.status_code}, not in the contract"
        content = declared["content"]["application/json"]
        assert response.headers["Content-Type"].startswith("application/json")
        errors = schema_errors(response.json(), content["schema"], openapi_doc)
        assert not errors, errors

    return check
