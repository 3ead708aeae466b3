"""The layering rules of DESIGN.md, checked on the source itself (import-linter checks them again in CI):
nothing below kiosk/ui imports Qt, the domain stays pure, no import cycles between the kiosk's modules
(each can be read, tested and moved on its own), and the `kiosk` command's parser imports a handler module
only when its command runs (`kiosk --help` stays quick and loads neither Qt nor OpenCV)."""

from __future__ import annotations

import argparse
import ast
import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import grimp
import pytest

import kiosk
from kiosk.cli import LazyHandler, build_parser

PACKAGE = Path(kiosk.__file__).parent
# app.py, cli.py and the command handlers may only import kiosk.ui lazily (checked below); the tools
# (kiosk/bench: benches, their window drivers) may import anything: nothing on the run-time path imports them.
# doctor.py writes the `kiosk doctor` report for people, so it puts codes in words through the one catalogue
# (kiosk.ui.texts, Qt's translator): lazily, like the command handlers.
QT_ALLOWED = {"ui", "app.py", "cli.py", "commands", "bench", "doctor.py"}


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


HANDLERS = sorted(f"commands/{p.name}" for p in (PACKAGE / "commands").glob("*.py"))
ENTRY_POINTS = ["app.py", "cli.py", "doctor.py", *HANDLERS]


@pytest.mark.parametrize("name", ENTRY_POINTS)
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


# --- no import cycles ----------------------------------------------------------------------------------

#: Cycles known and accepted, as frozensets of module names, each with its reason. Keep it empty.
ALLOWED: dict[frozenset[str], str] = {}


def _strongly_connected(graph: grimp.ImportGraph, modules: set[str]) -> list[set[str]]:
    """Tarjan's algorithm over the modules' direct imports (iterative: no recursion limit)."""
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & modules) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def import_cycles() -> list[set[str]]:
    graph = grimp.build_graph("kiosk", cache_dir=None)
    modules = {m for m in graph.modules if m == "kiosk" or m.startswith("kiosk.")}
    return _strongly_connected(graph, modules)


def test_no_import_cycles_between_kiosk_modules() -> None:
    cycles = [sorted(c) for c in import_cycles() if frozenset(c) not in ALLOWED]
    assert not cycles, "import cycles (move the shared piece down a layer):\n" + "\n".join(
        " ⇄ ".join(cycle) for cycle in cycles)


def test_the_cycle_finder_finds_a_cycle() -> None:
    # The finder itself, on a graph with one known cycle and one chain.
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.y", imported="a.z")
    assert _strongly_connected(graph, {"a.x", "a.y", "a.z"}) == [{"a.x", "a.y"}]


def _handlers(parser: argparse.ArgumentParser) -> list[Any]:
    """Every handler in the parser tree (sub-commands included)."""
    found = []
    handler = parser.get_default("handler")
    if handler is not None:
        found.append(handler)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.extend(_handlers(sub))
    return found


def test_building_the_parser_imports_no_handler_module_nor_qt_nor_opencv() -> None:
    code = (
        "import sys\n"
        "from kiosk.cli import build_parser\n"
        "build_parser()\n"
        "heavy = ('PySide6', 'cv2', 'numpy', 'kiosk.bench', 'kiosk.capture', 'kiosk.app')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy)\n"
        "                or m.startswith('kiosk.commands.') and m != 'kiosk.commands.common')\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_every_lazy_handler_names_a_function_that_exists() -> None:
    lazy = [h for h in _handlers(build_parser()) if isinstance(h, LazyHandler)]
    assert len(lazy) >= 30  # every command of kiosk.cli but `version` (deploy and fleet register their own)
    for handler in lazy:
        module = importlib.import_module(f"kiosk.commands.{handler.module}")
        assert callable(getattr(module, handler.function, None)), (handler.module, handler.function)


