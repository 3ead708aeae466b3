"""Count the Vietnamese string literals in kiosk/ — the words that have not reached the catalogue yet.

    .venv/bin/python packaging/count_vietnamese.py [--files]

A literal counts when it holds a Vietnamese letter with a diacritic (đ, ă, ơ, ư, â, ê, ô or a tone mark).
Not counted: docstrings, strings inside QT_TRANSLATE_NOOP (the catalogue's sources), kiosk/bench,
kiosk/tools, kiosk/sandbox (a stand-in for the portal, whose Vietnamese is data), data tables (telex
rules, province and place names, sample people, what the dossier tells the portal in Vietnamese) listed in
DATA below, and single letters or marks (text processing: đ→d, tone marks).
"""

from __future__ import annotations

import ast
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "kiosk"
SKIP_DIRS = ("bench", "tools", "sandbox")
#: Modules whose Vietnamese is data, not words of ours: keyboard rules, place names, reference tables.
DATA = {"domain/telex.py", "domain/admin_units.py"}
#: Module-level tables of data inside other modules: (module, name assigned).
DATA_TABLES = {("domain/id_number.py", "PROVINCE_CODES"), ("domain/text.py", "_ALPHABET"),
               ("ui/pseudo.py", "_ACCENTED"),
               # Decree 107 summaries and the authorisation's name: written into the dossier for the portal,
               # always in Vietnamese whatever the screen's language.
               ("domain/component_metadata.py", "DEFAULT_RULES"), ("domain/applicant.py", "AUTHORISATION_NAME_VI")}


def vietnamese(text: str) -> bool:
    if len(text.strip()) <= 1:  # one letter or mark ("đ", "\u0301"): text processing, not words
        return False
    # \u0300-\u0323 hold the five tone marks and the circumflex, breve and horn of NFD.
    return any(ch in "đĐ" or "\u0300" <= ch <= "\u0323" for ch in unicodedata.normalize("NFD", text))


def docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def marked_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP":
            out.update(id(n) for n in ast.walk(node))
    return out


def table_nodes(tree: ast.Module, rel: str) -> set[int]:
    out = set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any((rel, getattr(t, "id", "")) in DATA_TABLES for t in targets):
                out.update(id(n) for n in ast.walk(node))
    return out


def count(path: Path, rel: str) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstring_nodes(tree) | marked_nodes(tree) | table_nodes(tree, rel)
    n = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v for v in node.values if isinstance(v, ast.Constant)]
            skip.update(id(v) for v in parts)
            if id(node) not in skip and any(vietnamese(str(v.value)) for v in parts):
                n += 1
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
              and vietnamese(node.value)):
            n += 1
    return n


def main() -> int:
    per_file: Counter[str] = Counter()
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.split("/")[0] in SKIP_DIRS or rel in DATA:
            continue
        n = count(path, rel)
        if n:
            per_file[rel] = n
    if "--files" in sys.argv:
        for rel, n in per_file.most_common():
            print(f"{n:5d}  kiosk/{rel}")
    print(f"{sum(per_file.values())} Vietnamese string literals in {len(per_file)} modules of kiosk/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
