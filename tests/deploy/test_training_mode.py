"""Training mode: a banner whenever the portal is the sandbox or a camera is a sample; full screen on the
sandbox refused unless asked for."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.provisioning import full_screen_refusal
from kiosk.training import is_training, training_reasons


def _config(tmp_path: Path, **environ: str):  # type: ignore[no-untyped-def]
    return load_config(data_dir=tmp_path, environ=environ)


def test_the_default_configuration_is_training(tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert is_training(config)
    assert any("sandbox" in reason for reason in training_reasons(config))


def test_a_real_portal_and_real_cameras_are_production(tmp_path: Path) -> None:
    config = _config(tmp_path, KIOSK_PORTAL__URL="https://dichvucong.example.vn/api",
                     KIOSK_CAMERA__SOURCE="camera:0", KIOSK_CAMERA__DOCUMENT_SOURCE="camera:1")
    assert not is_training(config) and training_reasons(config) == []
    assert is_training(config, camera="samples")  # `kiosk run --camera samples`
    camera = dataclasses.replace(config.camera, document_source="documents")
    assert is_training(dataclasses.replace(config, camera=camera))


def test_full_screen_on_the_sandbox_is_refused_unless_asked(tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert "--training" in (full_screen_refusal(config, fullscreen=True, allowed=False) or "")
    assert full_screen_refusal(config, fullscreen=True, allowed=True) is None
    assert full_screen_refusal(config, fullscreen=False, allowed=False) is None
    real = _config(tmp_path, KIOSK_PORTAL__URL="https://dichvucong.example.vn/api")
    assert full_screen_refusal(real, fullscreen=True, allowed=False) is None


def test_kiosk_run_fullscreen_on_the_sandbox_exits_with_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    assert main(["--data-dir", str(tmp_path), "run", "--fullscreen"]) == 2
    assert "--training" in capsys.readouterr().err


def test_the_banner_is_shown_in_training_mode(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl
    from PySide6.QtQml import QQmlApplicationEngine
    from PySide6.QtQuick import QQuickItem

    qml = Path(__file__).parents[2] / "resources" / "qml" / "TrainingBanner.qml"
    host = tmp_path / "Host.qml"
    host.write_text(f'import QtQuick\nimport "{qml.parent.as_uri()}"\nWindow {{ width: 1080; height: 1920; '
                    "visible: true\n TrainingBanner {} }\n", encoding="utf-8")
    for training in (True, False):
        engine = QQmlApplicationEngine()
        engine.rootContext().setContextProperty("trainingMode", training)
        engine.load(QUrl.fromLocalFile(str(host)))
        window = engine.rootObjects()[0]
        banner = window.findChild(QQuickItem, "trainingBanner")
        assert banner is not None
        assert banner.isVisible() is training
        if training:
            assert banner.property("height") > 20
        window.close()
        del engine

