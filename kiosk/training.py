"""Training mode: the kiosk runs against the built-in sandbox portal or a sample camera, so nothing it
does is real. The screen says so (a banner, resources/qml/TrainingBanner.qml, in the session's language),
and full-screen kiosk mode on the sandbox — which would look like production to a citizen — is refused
unless asked for.
"""

from __future__ import annotations

from kiosk.config import KioskConfig

SAMPLE_SOURCES = frozenset({"samples", "documents"})


def training_reasons(config: KioskConfig) -> list[str]:
    """Why this configuration is training, not production (empty: production)."""
    reasons = []
    if config.portal.url == "sandbox":
        reasons.append("the portal is the built-in training sandbox")
    if config.camera.source in SAMPLE_SOURCES:
        reasons.append(f"the card camera is the sample source {config.camera.source!r}")
    if config.camera.document_source in SAMPLE_SOURCES:
        reasons.append(f"the document camera is the sample source {config.camera.document_source!r}")
    return reasons


def is_training(config: KioskConfig, camera: str | None = None) -> bool:
    return bool(training_reasons(config)) or (camera in SAMPLE_SOURCES)
