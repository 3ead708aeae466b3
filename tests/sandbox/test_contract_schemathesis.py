"""Property-based API tests: schemathesis generates requests from kiosk/portal/openapi.yaml and checks that
the sandbox answers with documented statuses, content types and bodies that validate against the schema.
Bounded (a few examples per operation) so it stays within seconds on a shared 2-core machine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kiosk.sandbox.app import create_app
from kiosk.sandbox.openapi_export import OPENAPI_PATH
from kiosk.sandbox.store import SandboxStore

_store = SandboxStore(None)
schema = schemathesis.openapi.from_path(OPENAPI_PATH)
APP = create_app(_store)


@pytest.fixture(scope="module", autouse=True)
def _close_store() -> Iterator[None]:
    yield
    _store.close()


@schema.exclude(operation_id=["submitDossier", "supplementDossier"]).parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_sandbox_conforms_to_the_contract(case: schemathesis.Case) -> None:
    response = case.call(app=APP)
    case.validate_response(
        response,
        checks=(
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ),
    )
