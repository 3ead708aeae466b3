"""The portal API contract (openapi.yaml beside this file) and its HTTP client."""

from kiosk.portal.auth import KioskAuth
from kiosk.portal.client import PortalClient, RetryPolicy
from kiosk.portal.errors import (
    PortalBadResponse,
    PortalConflict,
    PortalError,
    PortalExpired,
    PortalNotFound,
    PortalNotReady,
    PortalRejected,
    PortalUnauthorized,
    PortalUnavailable,
)
from kiosk.portal.interface import PortalAPI
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
    "KioskAuth",
    "LocalizedText",
    "PortalAPI",
    "PortalBadResponse",
    "PortalClient",
    "PortalConflict",
    "PortalError",
    "PortalExpired",
    "PortalNotFound",
    "PortalNotReady",
    "PortalRejected",
    "PortalUnauthorized",
    "PortalUnavailable",
    "Procedure",
    "RequiredDocument",
    "RetryPolicy",
    "StatusChange",
    "SubmissionResult",
]
