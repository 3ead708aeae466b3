"""Every string on screen is translatable, and the English translation is complete: one catalogue for QML's
qsTr and the texts Python builds (kiosk.ui.texts, marked with QT_TRANSLATE_NOOP)."""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
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


#: Where the UI's strings are marked: QML (qsTr) and the Python view-models (QT_TRANSLATE_NOOP).
UI_PYTHON = Path(__file__).resolve().parents[2] / "kiosk" / "ui"


def marked_strings(tmp_path: Path) -> dict[str, str | None]:
    """Every string lupdate finds in the QML and the UI's Python, as a fresh .ts would hold it."""
    fresh = tmp_path / "fresh.ts"
    qml = sorted(str(p) for p in (resources_dir() / "qml").rglob("*.qml"))
    python = sorted(str(p) for p in UI_PYTHON.rglob("*.py"))
    subprocess.run([str(QT_TOOLS / "lupdate"), *qml, *python, "-ts", str(fresh)], check=True,
                   capture_output=True)
    return sources(fresh)


def test_ts_file_covers_every_qml_and_python_string(tmp_path: Path) -> None:
    in_code = set(marked_strings(tmp_path))
    in_ts = {source for source, tr in sources(TS).items() if tr is not None}
    assert in_code - in_ts == set(), "strings without an English translation (run lupdate, then translate)"
    contexts = ET.parse(TS).iter("context")
    python_texts = {m.findtext("source") for c in contexts if c.findtext("name") == "Texts"
                    for m in c.iter("message")}
    assert len(python_texts) > 90, "the view-models' texts are in the catalogue (context Texts)"


def test_every_source_string_has_vietnamese_and_english() -> None:
    """Vietnamese is the source (NFC, with its diacritics), English the translation; {names} and %1 agree."""
    for source, translation in sources(TS).items():
        assert source.strip(), "an empty source string"
        assert unicodedata.is_normalized("NFC", source), f"not NFC: {source!r}"
        assert translation, f"no English for {source!r}"
        assert unicodedata.is_normalized("NFC", translation), f"not NFC: {translation!r}"
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", translation)), source


def test_python_texts_follow_the_language_asked() -> None:
    from kiosk.ui.texts import applicant_label, message, word

    assert applicant_label("full_name", "vi") == "Họ, chữ đệm và tên"
    assert applicant_label("full_name", "en") == "Full name"
    assert message("missing_fields", "en") == "Please fill in the empty fields."
    assert word("pages", "vi", 3) == "3 trang" and word("pages", "en", 1) == "1 page"


def test_english_translations_are_finished_and_keep_placeholders() -> None:
    for source, translation in sources(TS).items():
        assert translation, f"untranslated: {source!r}"
        for placeholder in ("%1", "%2"):
            assert (placeholder in source) == (placeholder in translation), source
