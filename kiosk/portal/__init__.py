"""The portal API contract (openapi.yaml beside this file) and its HTTP client."""

from kiosk.portal.client import PortalClient, RetryPolicy
from kiosk.portal.errors import (
    PortalBadResponse,
    PortalConflict,
    PortalError,
    PortalNotFound,
    PortalRejected,
    PortalUnavailable,
)
from kiosk.portal.models import (
    Catalogue,
    DocumentUpload,
    DossierStatus,
    DossierSubmission,
    FieldOption,
    FieldValidation,
    FormField,
    FormSpec,
    LocalizedText,
    Procedure,
    RequiredDocument,
    StatusChange,
    SubmissionResult,
)

__all__ = [
    "Catalogue",
    "DocumentUpload",
    "DossierStatus",
    "DossierSubmission",
    "FieldOption",
    "FieldValidation",
    "FormField",
    "FormSpec",
    "LocalizedText",
    "PortalBadResponse",
    "PortalClient",
    "PortalConflict",
    "PortalError",
    "PortalNotFound",
    "PortalRejected",
    "PortalUnavailable",
    "Procedure",
    "RequiredDocument",
    "RetryPolicy",
    "StatusChange",
    "SubmissionResult",
]
