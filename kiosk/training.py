"""Training mode: the kiosk runs against the built-in sandbox portal or a sample camera, so nothing it
does is real. The screen says so (a banner, resources/qml/TrainingBanner.qml), and full-screen kiosk
mode on the sandbox — which would look like production to a citizen — is refused unless asked for.
"""

from __future__ import annotations

from kiosk.config import KioskConfig

BANNER_VI = "CHẾ ĐỘ THỬ — KHÔNG CÓ GIÁ TRỊ"
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


def full_screen_refusal(config: KioskConfig, *, fullscreen: bool, allowed: bool) -> str | None:
    """The message refusing full-screen kiosk mode on the sandbox, or None when it may go ahead."""
    if allowed or not (fullscreen or config.ui.fullscreen) or config.portal.url != "sandbox":
        return None
    from kiosk.provisioning import enrolment

    if (enrolment(config) or {}).get("training") is True:  # enrolled as a training kiosk on purpose
        return None
    return (
        "kiosk: full-screen kiosk mode with the training sandbox as the portal looks real to a citizen but "
        "sends nothing anywhere. Enrol the kiosk with its portal (`kiosk enrol FILE`), or add --training "
        "to run a training kiosk on purpose.\n"
        "kiosk: không chạy toàn màn hình với cổng thử nghiệm; hãy đăng ký máy (kiosk enrol) hoặc thêm "
        "--training nếu đây là máy tập huấn."
    )
