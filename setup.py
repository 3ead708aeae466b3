"""Only to ship the data folders inside the wheel; everything else is in pyproject.toml.

`resources/` (QML, translations, guides, sample cards, seed data) and `migrations/` live at the repository
root, where a checkout reads them. A wheel has no repository root, so the build copies them into the
package as `kiosk/_resources` and `kiosk/_migrations`, where `kiosk.paths.bundled_dir` finds them. An
editable install keeps reading the checkout's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = {"resources": "_resources", "migrations": "_migrations"}
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts", ".*")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "kiosk"
        for source, name in BUNDLED.items():
            target = package / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / source, target, ignore=SKIP)


setup(cmdclass={"build_py": BuildPyWithData})
