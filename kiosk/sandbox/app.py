"""The sandbox portal as a FastAPI application: portal API v1 under /api/v1, sandbox controls under
/sandbox/admin/ (never part of the portal contract).

Rules the kiosk relies on (see kiosk/portal/openapi.yaml):

- Every error is JSON ``{"error": {"code", "message", "message_vi"?, "fields"?}}``.
- ``POST /api/v1/dossiers`` is idempotent by its ``Idempotency-Key`` header: the same key with the same
  content (canonical hash of the dossier JSON, which carries the file hashes) answers 200 with the
  original dossier and ``duplicate: true``; the same key with other content answers 409. The first
  submission answers 201.
- Declared file hashes and sizes must match the uploaded bytes (400 otherwise).
- Dossier codes are ``<unit code>-YYMMDD-XXXX``, numbered per unit per day in Vietnam time.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any, BinaryIO

from fastapi import Depends, FastAPI, Header, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.domain.applicant import kind_of
from kiosk.domain.codes import format_dossier_code, parse_dossier_code
from kiosk.portal.models import PortalStatus
from kiosk.sandbox import wire_models as wire
from kiosk.sandbox.admin_guard import AdminGuard
from kiosk.sandbox.answer_checks import check_answers, check_applicant, check_delivery, check_documents
from kiosk.sandbox.api_errors import ApiError
from kiosk.sandbox.catalogue import SandboxCatalogue, canonical_json_bytes, load_seed_catalogue
from kiosk.sandbox.faults import install_faults
from kiosk.sandbox.routes import admin_router, kiosk_auth, portal_router
from kiosk.sandbox.services import PortalServices, ProcessingPlan
from kiosk.sandbox.store import DossierRecord, IdempotencyConflict, SandboxStore, StoredFile

ICT = timezone(timedelta(hours=7), "ICT")  # Vietnam has no daylight saving time
DEFAULT_UNIT_CODE = "000.00.00.H26"
API_VERSION = "1.0.0"
MAX_DOCUMENTS = 50
MAX_FILE_BYTES = 50 * 1024 * 1024
IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9._:-]{8,128}$"
_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-")
_CHUNK = 1 << 20

Clock = Callable[[], datetime]


def _error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body.model_dump(mode="json", exclude_none=True), status_code=error.status)


_ERROR_TEXT = {
    400: "Malformed request: bad multipart, missing Idempotency-Key, file hash or size mismatch",
    404: "No such dossier",
    409: "Idempotency-Key already used for a dossier with different content",
    413: "A file is too large",
    422: "Well-formed but not acceptable: unknown procedure, invalid answers, missing documents, bad code",
    500: "Portal failure; try again later",
}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the error answers an operation can give."""
    return {status: {"model": wire.ErrorBody, "description": _ERROR_TEXT[status]} for status in statuses}


# FastAPI cannot describe a multipart body whose part names come from the JSON part, so it is spelt out.
_SUBMIT_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["dossier"],
                "properties": {"dossier": {"$ref": "#/components/schemas/DossierManifest"}},
                "additionalProperties": {
                    "type": "string",
                    "contentMediaType": "application/octet-stream",
                    "description": "One file part per entry of dossier.documents, named by its `part`",
                },
            },
            "encoding": {"dossier": {"contentType": "application/json"}},
        }
    },
}


_SUPPLEMENT_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["supplement"],
                "properties": {"supplement": {"$ref": "#/components/schemas/SupplementManifest"}},
                "additionalProperties": {
                    "type": "string",
                    "contentMediaType": "application/octet-stream",
                    "description": "One file part per entry of supplement.documents, named by its `part`",
                },
            },
            "encoding": {"supplement": {"contentType": "application/json"}},
        }
    },
}


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(key): _nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


def _hash_stream(stream: BinaryIO) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return digest.hexdigest(), size


def _content_hash(manifest: wire.DossierManifest) -> str:
    """What makes two submissions "the same dossier": every field and file hash, not the part names."""
    data = manifest.model_dump(mode="json")
    for document in data["documents"]:
        del document["part"]
    return hashlib.sha256(canonical_json_bytes(data)).hexdigest()


def _validation_fields(error: ValidationError) -> dict[str, str]:
    # Only where and what, never the offending input: it may be a citizen's personal data.
    return {".".join(str(part) for part in item["loc"]) or "$": item["msg"] for item in error.errors()}


class _DossierReceiver:
    """The POST /dossiers logic, run in a worker thread (hashing, disk and SQLite all block)."""

    def __init__(
        self, store: SandboxStore, catalogue: SandboxCatalogue, unit_code: str, clock: Clock
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.unit_code = unit_code
        self.clock = clock

    def receive(self, idempotency_key: str, form: FormData) -> tuple[DossierRecord, bool]:
        manifest = self._manifest(form)
        uploads = self._uploads(form, manifest)
        content_hash = _content_hash(manifest)

        # The key is checked before the content is judged: a retry of an accepted dossier must succeed
        # even if the catalogue changed in between.
        existing = self.store.find_by_key(idempotency_key)
        if existing is not None:
            return self._same_or_conflict(existing, content_hash), True

        procedure = self.catalogue.find(manifest.procedure_code)
        if procedure is None:
            raise ApiError(
                422,
                "unknown_procedure",
                f"procedure {manifest.procedure_code} is not in the catalogue",
                "Thủ tục này không có trong danh mục của Cổng dịch vụ công.",
            )
        problems = {
            **check_applicant(manifest.applicant, self.clock().date()),
            **{
                f"answers.{name}": reason
                for name, reason in check_answers(procedure, manifest.answers).items()
            },
            **check_documents(procedure, manifest.documents, manifest.applicant),
            **check_delivery(procedure, manifest.delivery),
        }
        if problems:
            raise ApiError(
                422,
                "invalid_dossier",
                "the dossier does not meet the procedure's requirements",
                "Hồ sơ chưa đầy đủ hoặc thông tin trong tờ khai chưa hợp lệ.",
                problems,
            )

        stored = []
        for document in manifest.documents:
            sha256, size = self.store.save_file(uploads[document.part].file)
            assert (sha256, size) == (document.sha256, document.size)  # verified in _uploads
            stored.append(
                StoredFile(
                    document.type_code,
                    document.filename,
                    document.content_type,
                    sha256,
                    size,
                    document.metadata,
                )
            )
        try:
            return self.store.receive_dossier(
                idempotency_key=idempotency_key,
                content_hash=content_hash,
                unit_code=self.unit_code,
                received_at=self.clock(),
                procedure_code=manifest.procedure_code,
                kiosk_id=manifest.kiosk_id,
                assisted_by=manifest.assisted_by,
                manifest=manifest.model_dump(mode="json"),
                files=stored,
            )
        except IdempotencyConflict as conflict:  # the same key raced in from another request
            raise self._conflict(conflict.existing) from None

    def _manifest(self, form: FormData) -> wire.DossierManifest:
        part = form.get("dossier")
        if part is None:
            raise ApiError(400, "invalid_multipart", "the request needs a multipart part named 'dossier'")
        raw = part.file.read() if isinstance(part, UploadFile) else part.encode("utf-8")
        try:
            manifest = wire.DossierManifest.model_validate_json(raw)
        except ValidationError as error:
            raise ApiError(
                422,
                "invalid_dossier_json",
                "the 'dossier' part does not match the schema",
                fields=_validation_fields(error),
            ) from None
        return wire.DossierManifest.model_validate(_nfc(manifest.model_dump(mode="json")))

    def supplement(self, code: str, idempotency_key: str, form: FormData) -> tuple[DossierRecord, bool]:
        """Documents added to a dossier the portal asked more of ("cần bổ sung"); idempotent by the key
        (the same key and content again: the dossier as it is, duplicate). Moves it back to processing."""
        part = form.get("supplement")
        if part is None:
            raise ApiError(400, "invalid_multipart", "the request needs a multipart part named 'supplement'")
        raw = part.file.read() if isinstance(part, UploadFile) else part.encode("utf-8")
        try:
            manifest = wire.SupplementManifest.model_validate_json(raw)
        except ValidationError as error:
            raise ApiError(422, "invalid_supplement_json", "the 'supplement' part does not match the schema",
                           fields=_validation_fields(error)) from None
        uploads = self._uploads(form, manifest, extra_part="supplement")
        content_hash = hashlib.sha256(canonical_json_bytes(manifest.model_dump(mode="json"))).hexdigest()
        record = self.store.get_dossier(code)
        if record is None:
            raise ApiError(404, "dossier_not_found", f"no dossier {code}", "Không tìm thấy hồ sơ với mã này.")
        rows = self.store.query(
            "SELECT dossier_code, content_hash FROM supplements WHERE idempotency_key = ?", (idempotency_key,)
        )
        if rows:
            if tuple(rows[0]) != (code, content_hash):
                raise self._conflict(record)
            return record, True
        if record.status != "needs_more_information":
            raise ApiError(409, "not_awaiting_supplement", f"dossier {code} is {record.status}",
                           "Hồ sơ này không ở trạng thái cần bổ sung.")
        problems = {f"documents[{i}].content_type": "must be application/pdf, image/jpeg or image/png"
                    for i, doc in enumerate(manifest.documents)
                    if doc.content_type.split(";")[0].strip().lower() not in
                    ("application/pdf", "image/jpeg", "image/png")}
        if problems:
            raise ApiError(422, "invalid_supplement", "the supplement's files are not accepted",
                           "Tệp bổ sung không đúng định dạng.", problems)
        for document in manifest.documents:
            self.store.save_file(uploads[document.part].file)
        now = self.clock()
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO supplements (idempotency_key, dossier_code, content_hash, body_json, "
                         "created_at) VALUES (?, ?, ?, ?, ?)",
                         (idempotency_key, code, content_hash, manifest.model_dump_json(), now.isoformat()))
        self.store.add_status(code, "processing", now, "Đã bổ sung hồ sơ")
        updated = self.store.get_dossier(code)
        assert updated is not None
        return updated, False

    def _uploads(self, form: FormData, manifest: wire.DossierManifest | wire.SupplementManifest,
                 extra_part: str = "dossier") -> dict[str, UploadFile]:
        declared = [document.part for document in manifest.documents]
        if len(declared) > MAX_DOCUMENTS:
            raise ApiError(400, "too_many_documents", f"at most {MAX_DOCUMENTS} documents per dossier")
        if len(set(declared)) != len(declared):
            raise ApiError(400, "invalid_multipart", "document part names repeat")
        extra = [key for key in form if key != extra_part and key not in declared]
        if extra:
            raise ApiError(400, "unexpected_part", f"parts not declared in the dossier: {sorted(set(extra))}")
        uploads: dict[str, UploadFile] = {}
        for document in manifest.documents:
            parts = form.getlist(document.part)
            if len(parts) != 1 or not isinstance(parts[0], UploadFile):
                raise ApiError(400, "missing_part", f"expected exactly one file part named {document.part!r}")
            upload = parts[0]
            sha256, size = _hash_stream(upload.file)
            if size > MAX_FILE_BYTES:
                raise ApiError(
                    413, "file_too_large", f"part {document.part!r} is over {MAX_FILE_BYTES} bytes"
                )
            if size != document.size:
                raise ApiError(
                    400,
                    "size_mismatch",
                    f"part {document.part!r} has {size} bytes, {document.size} declared",
                    "Tệp đính kèm bị lỗi khi truyền. Vui lòng gửi lại hồ sơ.",
                )
            if sha256 != document.sha256:
                raise ApiError(
                    400,
                    "sha256_mismatch",
                    f"part {document.part!r} does not match its declared SHA-256",
                    "Tệp đính kèm bị lỗi khi truyền. Vui lòng gửi lại hồ sơ.",
                )
            uploads[document.part] = upload
        return uploads

    def _same_or_conflict(self, existing: DossierRecord, content_hash: str) -> DossierRecord:
        if existing.content_hash != content_hash:
            raise self._conflict(existing)
        return existing

    @staticmethod
    def _conflict(existing: DossierRecord) -> ApiError:
        return ApiError(
            409,
            "idempotency_conflict",
            f"Idempotency-Key was already used for dossier {existing.dossier_code} with different content",
            "Mã gửi hồ sơ đã được dùng cho một hồ sơ khác.",
        )


def _submission(record: DossierRecord, duplicate: bool) -> wire.SubmissionResult:
    return wire.SubmissionResult(
        dossier_code=record.dossier_code,
        status=PortalStatus(record.status),
        received_at=record.received_at,
        duplicate=duplicate,
    )


def _admin_view(
    record: DossierRecord, owner_account: str | None = None, order: wire.DeliveryOrder | None = None
) -> dict[str, Any]:
    delivery = record.manifest.get("delivery") or {}
    return {
        "owner_account": owner_account,
        "delivery_method": delivery.get("method"),
        "postal_fee_payment": delivery.get("postal_fee_payment"),
        "pickup_booking_id": delivery.get("pickup_booking_id"),
        "delivery_order": None if order is None else {
            "tracking_number": order.tracking_number,
            "service": order.quote.service,
            "created_at": order.created_at.isoformat(),
        },
        "idempotency_key": record.idempotency_key,
        # The kind only (never the identifier): what a trainer needs to tell the dossiers apart.
        "applicant_type": getattr(kind_of(record.manifest.get("applicant") or {}), "value", None),
        "dossier_code": record.dossier_code,
        "procedure_code": record.procedure_code,
        "unit_code": record.unit_code,
        "kiosk_id": record.kiosk_id,
        "assisted_by": record.assisted_by,
        "status": record.status,
        "received_at": record.received_at.isoformat(),
        "files": [
            {
                "sha256": item.sha256,
                "size": item.size,
                "type_code": item.type_code,
                "filename": item.filename,
                "content_type": item.content_type,
            }
            for item in record.files
        ],
    }


def create_app(
    store: SandboxStore,
    *,
    unit_code: str = DEFAULT_UNIT_CODE,
    catalogue: SandboxCatalogue | None = None,
    clock: Clock | None = None,
    plan: ProcessingPlan | None = None,
    require_kiosk_auth: bool = False,
    admin_token: str | None = None,
) -> FastAPI:
    """The sandbox portal over `store`. `clock` must return an aware datetime; dossier codes use its
    date in Vietnam time. Tests pass a controllable clock to cross midnight."""
    format_dossier_code(unit_code, date(2000, 1, 1), 1)  # reject a bad unit code now, not later
    catalogue = catalogue if catalogue is not None else load_seed_catalogue()

    def now() -> datetime:
        value = clock() if clock is not None else datetime.now(ICT)
        if value.tzinfo is None:
            raise ValueError("the sandbox clock must return an aware datetime")
        return value.astimezone(ICT)

    receiver = _DossierReceiver(store, catalogue, unit_code, now)
    services = PortalServices(store, catalogue, now, plan=plan)
    app = FastAPI(
        dependencies=[Depends(kiosk_auth(services, required=require_kiosk_auth))],
        title="Kiosk Dịch vụ công — portal API",
        version=API_VERSION,
        docs_url=None,  # the Swagger UI loads from a CDN; a kiosk network has none
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    install_faults(app)  # off unless asked for (kiosk/sandbox/faults.py): tests and training only
    # Outermost: /sandbox/admin/* (the fault switch included) needs the token or a same-user local peer.
    app.add_middleware(AdminGuard, token=admin_token or secrets.token_urlsafe(24))

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, error: ApiError) -> JSONResponse:
        return _error_response(error)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        fields = {".".join(str(part) for part in item["loc"]): item["msg"] for item in error.errors()}
        return _error_response(ApiError(422, "invalid_request", "the request is not valid", fields=fields))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        return _error_response(ApiError(error.status_code, code, str(error.detail)))

    @app.exception_handler(Exception)
    async def _crash(request: Request, error: Exception) -> JSONResponse:
        return _error_response(ApiError(500, "internal_error", "the sandbox portal failed; try again later"))

    @app.get("/api/v1/health", response_model=wire.Health, tags=["portal"], operation_id="health")
    def health() -> wire.Health:
        """Liveness; also tells the portal's clock."""
        return wire.Health(status="ok", time=now())

    # Unversioned liveness for monitors and load balancers; the contract's own is /api/v1/health.
    app.get("/health", response_model=wire.Health, include_in_schema=False)(health)

    @app.get("/api/v1/catalogue", response_model=wire.Catalogue, tags=["portal"], operation_id="getCatalogue")
    def get_catalogue() -> Response:
        """Every procedure the portal accepts online, with its documents, fee and form spec."""
        return Response(catalogue.body, media_type="application/json")

    @app.post(
        "/api/v1/dossiers",
        response_model=wire.SubmissionResult,
        status_code=201,
        tags=["portal"],
        operation_id="submitDossier",
        responses={
            200: {"model": wire.SubmissionResult, "description": "Duplicate of an accepted dossier"},
            **_errors(400, 409, 413, 422, 500),
        },
        openapi_extra={"requestBody": _SUBMIT_REQUEST_BODY},
    )
    async def submit_dossier(
        request: Request,
        idempotency_key: Annotated[
            str | None,
            Header(
                alias="Idempotency-Key", description="Made by the kiosk per dossier; reused on every retry"
            ),
        ] = None,
        citizen_session: Annotated[
            str | None,
            Header(
                alias="X-Citizen-Session",
                description="The citizen's session (after VNeID or account login): the dossier is filed "
                "under their account instead of the kiosk's",
            ),
        ] = None,
    ) -> Response:
        """Receive one dossier: a JSON part ``dossier`` plus one file part per document."""
        owner = services.account_for_session(citizen_session).account_id if citizen_session else None
        if not idempotency_key:
            raise ApiError(400, "missing_idempotency_key", "the Idempotency-Key header is required")
        if not 8 <= len(idempotency_key) <= 128 or not set(idempotency_key) <= _KEY_CHARS:
            raise ApiError(
                400, "invalid_idempotency_key", "Idempotency-Key must be 8–128 of A–Z a–z 0–9 . _ : -"
            )
        try:
            async with request.form(max_files=MAX_DOCUMENTS, max_fields=4) as form:
                record, duplicate = await run_in_threadpool(receiver.receive, idempotency_key, form)
        except StarletteHTTPException as error:  # raised by the multipart parser for a malformed body
            raise ApiError(400, "invalid_multipart", str(error.detail)) from None
        if owner is not None and not duplicate:
            with store.transaction() as conn:
                conn.execute("INSERT OR IGNORE INTO dossier_owners (dossier_code, account_id) VALUES (?, ?)",
                             (record.dossier_code, owner))
        body = _submission(record, duplicate).model_dump(mode="json")
        headers = {"Location": f"/api/v1/dossiers/{record.dossier_code}"}
        return JSONResponse(body, status_code=200 if duplicate else 201, headers=headers)

    @app.post(
        "/api/v1/dossiers/{dossier_code}/supplements",
        response_model=wire.SubmissionResult,
        status_code=201,
        tags=["portal"],
        operation_id="supplementDossier",
        responses={
            200: {"model": wire.SubmissionResult, "description": "Duplicate of an accepted supplement"},
            **_errors(400, 404, 409, 422, 500),
        },
        openapi_extra={"requestBody": _SUPPLEMENT_REQUEST_BODY},
    )
    async def supplement_dossier(
        dossier_code: str,
        request: Request,
        idempotency_key: Annotated[
            str | None, Header(alias="Idempotency-Key", description="Made by the kiosk per supplement")
        ] = None,
    ) -> Response:
        """Add documents to a dossier the portal marked ``needs_more_information`` ("cần bổ sung")."""
        try:
            code = str(parse_dossier_code(dossier_code))
        except ValueError as error:
            raise ApiError(422, "invalid_dossier_code", str(error),
                           "Mã hồ sơ không đúng định dạng.") from None
        key = idempotency_key or ""
        if not 8 <= len(key) <= 128 or not set(key) <= _KEY_CHARS:
            raise ApiError(400, "invalid_idempotency_key",
                           "Idempotency-Key must be 8–128 of A–Z a–z 0–9 . _ : -")
        idempotency_key = key
        try:
            async with request.form(max_files=MAX_DOCUMENTS, max_fields=4) as form:
                record, duplicate = await run_in_threadpool(receiver.supplement, code, idempotency_key, form)
        except StarletteHTTPException as error:
            raise ApiError(400, "invalid_multipart", str(error.detail)) from None
        body = _submission(record, duplicate).model_dump(mode="json")
        return JSONResponse(body, status_code=200 if duplicate else 201)

    @app.get(
        "/api/v1/dossiers/{dossier_code}",
        response_model=wire.DossierStatus,
        tags=["portal"],
        operation_id="getDossier",
        responses=_errors(404, 422, 500),
    )
    def get_dossier(
        dossier_code: Annotated[
            str, Path(description="As on the receipt", examples=["000.00.53.H48-220921-0099"])
        ],
    ) -> wire.DossierStatus:
        """Status and history of one dossier, by the code on the citizen's receipt."""
        try:
            code = str(parse_dossier_code(dossier_code))
        except ValueError as error:
            raise ApiError(
                422, "invalid_dossier_code", str(error), "Mã hồ sơ không đúng định dạng."
            ) from None
        record = services.advance(code) if store.get_dossier(code) is not None else None
        if record is None:
            raise ApiError(404, "dossier_not_found", f"no dossier {code}", "Không tìm thấy hồ sơ với mã này.")
        return wire.DossierStatus(
            dossier_code=record.dossier_code,
            procedure_code=record.procedure_code,
            status=PortalStatus(record.status),
            received_at=record.received_at,
            history=[wire.StatusEntry(status=PortalStatus(h.status), at=h.at, note=h.note)
                     for h in record.history],
            result_ready=services.result_ready(record.dossier_code),
        )

    @app.get("/sandbox/admin/dossiers", include_in_schema=False)
    def admin_dossiers() -> list[dict[str, Any]]:
        owners = dict(store.query("SELECT dossier_code, account_id FROM dossier_owners"))
        orders = {code: wire.DeliveryOrder.model_validate_json(body)
                  for code, body in store.query("SELECT dossier_code, body_json FROM deliveries")}
        return [_admin_view(record, owners.get(record.dossier_code), orders.get(record.dossier_code))
                for record in store.list_dossiers()]

    @app.get("/sandbox/admin/files/{sha256}", include_in_schema=False)
    def admin_file(sha256: str) -> FileResponse:
        try:
            path = store.file_path(sha256)
        except ValueError:
            raise ApiError(422, "invalid_sha256", "not a SHA-256 hex digest") from None
        if not path.exists():
            raise ApiError(404, "file_not_found", "no such file")
        return FileResponse(path, media_type="application/octet-stream")

    app.include_router(portal_router(services, catalogue))
    app.include_router(admin_router(services))
    app.state.services = services
    app.openapi = lambda: _portal_openapi(app)  # type: ignore[method-assign]
    return app


def _portal_openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, tidied into the portal contract: our error body everywhere instead of
    FastAPI's validation-error schema, and the multipart manifest schema included."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version="3.1.0",
        description=(
            "Portal API v1 as the kiosk uses it. The sandbox in kiosk/sandbox implements it; this file is "
            "generated from it (python -m kiosk.sandbox.openapi_export) and checked by the tests.\n\n"
            "Every error answer has the body ErrorBody. POST /api/v1/dossiers is idempotent by the "
            "Idempotency-Key header. Dossier codes look like 000.00.53.H48-220921-0099 "
            "(<unit code>-YYMMDD-XXXX)."
        ),
        routes=app.routes,
    )
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    manifest_schema = wire.DossierManifest.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(manifest_schema.pop("$defs", {}))
    schemas["DossierManifest"] = manifest_schema
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for operations in doc.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "Idempotency-Key":
                    # Optional only in the handler's signature, so that a missing key gets our 400.
                    parameter["required"] = True
                    parameter["schema"] = {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN}
            responses = operation.get("responses", {})
            if "requestBody" in operation and "400" not in responses:
                # A body that is not JSON at all never reaches validation: the parser answers 400.
                responses["400"] = {
                    "description": "The body cannot be parsed",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                }
            if "422" in responses:
                responses["422"] = {
                    "description": _ERROR_TEXT[422],
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                }
    doc["components"]["securitySchemes"] = {
        "kioskToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "From POST /api/v1/auth/token with the kiosk's portal-issued credentials",
        }
    }
    doc["security"] = [{"kioskToken": []}, {}]  # the sandbox accepts no token unless started strict
    app.openapi_schema = doc
    return doc
