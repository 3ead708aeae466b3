"""The layering rule of DESIGN.md, checked on the source itself (import-linter checks it again in CI):
nothing below kiosk/ui imports Qt, and the domain stays pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kiosk

PACKAGE = Path(kiosk.__file__).parent
QT_ALLOWED = {"ui", "app.py", "cli.py"}  # app.py/cli.py may only import kiosk.ui lazily (checked below)


def imported_modules(path: Path) -> list[tuple[str, int, bool]]:
    """(module, line, at module level) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno, id(node) in top_level))
    return found


def sources(*, exclude: set[str]) -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in exclude]


@pytest.mark.parametrize("path", sources(exclude=QT_ALLOWED), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt_below_ui(path: Path) -> None:
    offenders = [f"{m} (line {n})" for m, n, _ in imported_modules(path)
                 if m.split(".")[0] in ("PySide6", "shiboken6") or m.startswith("kiosk.ui")]
    assert offenders == []


@pytest.mark.parametrize("name", ["app.py", "cli.py"])
def test_entry_points_load_qt_lazily(name: str) -> None:
    eager = [f"{m} (line {n})" for m, n, top in imported_modules(PACKAGE / name)
             if top and (m.split(".")[0] == "PySide6" or m.startswith("kiosk.ui"))]
    assert eager == [], "the command line must work (idcard, sandbox, db …) without loading Qt"


def test_domain_has_no_io_libraries() -> None:
    heavy = {"requests", "sqlalchemy", "cv2", "numpy", "PySide6", "fastapi", "keyring"}
    offenders = [f"{p.name}: {m}" for p in (PACKAGE / "domain").rglob("*.py")
                 for m, _, _ in imported_modules(p) if m.split(".")[0] in heavy
                 or m.startswith(("kiosk.capture", "kiosk.store", "kiosk.portal", "kiosk.sandbox"))]
    assert offenders == []


def test_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom PySide6.QtCore import QObject\n", encoding="utf-8")
    assert ("PySide6.QtCore", 2, True) in imported_modules(bad)
