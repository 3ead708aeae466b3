"""Every string on screen is translatable, and the English translation is complete."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

from kiosk.capture.resources import resources_dir

QT_TOOLS = Path(os.path.dirname(PySide6.__file__))
TS = resources_dir() / "translations" / "kiosk_en.ts"


def sources(ts: Path) -> dict[str, str | None]:
    tree = ET.parse(ts)
    out = {}
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        finished = translation is not None and translation.get("type") not in ("unfinished", "obsolete")
        out[source] = translation.text if finished and translation is not None else None
    return out


def test_ts_file_covers_every_qml_string(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    qml = sorted(str(p) for p in (resources_dir() / "qml").rglob("*.qml"))
    subprocess.run([str(QT_TOOLS / "lupdate"), *qml, "-ts", str(fresh)], check=True, capture_output=True)
    in_code = set(sources(fresh))
    in_ts = {source for source, tr in sources(TS).items() if tr is not None}
    assert in_code - in_ts == set(), "strings without an English translation (run lupdate, then translate)"


def test_english_translations_are_finished_and_keep_placeholders() -> None:
    for source, translation in sources(TS).items():
        assert translation, f"untranslated: {source!r}"
        for placeholder in ("%1", "%2"):
            assert (placeholder in source) == (placeholder in translation), source
