"""A throwaway PostgreSQL cluster for `kiosk bench fleet`: initdb into a temporary folder, listen on a Unix
socket in it only (no TCP port), removed again on exit. Run as the `postgres` (else `nobody`) user when
root, as PostgreSQL refuses root. The server binaries are Debian's (`postgresql`, installed by
packaging/bootstrap.sh). Same recipe as the storage tests' cluster (tests/store/pg.py), but durable
(fsync on): the benchmark measures what production would see.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

USER = "kiosk"


class ClusterError(RuntimeError):
    pass


def _bin_dir() -> Path:
    found = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if (Path(p) / "initdb").is_file()]
    if not found:
        raise ClusterError("PostgreSQL server binaries not found: run `bash packaging/bootstrap.sh`")
    return max(found, key=lambda p: tuple(int(x) for x in p.parent.name.split(".") if x.isdigit()))


class TemporaryCluster:
    def __init__(self) -> None:
        self.root: Path | None = None
        self._bin = _bin_dir()
        self._run_as: str | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    pwd.getpwnam(name)
                except KeyError:
                    continue
                self._run_as = name
                break

    def _run(self, *command: str) -> None:
        argv = [str(self._bin / command[0]), *command[1:]]
        if self._run_as:
            argv = ["runuser", "-u", self._run_as, "--", *argv]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode:
            raise ClusterError(f"{command[0]} failed: {result.stderr[-1000:]}")

    def start(self) -> str:
        """Start it; returns the SQLAlchemy URL of an empty database `fleet`."""
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-fleet-pg-"))
        data = self.root / "data"
        data.mkdir()
        self.root.chmod(0o755)
        data.chmod(0o700)
        if self._run_as:
            entry = pwd.getpwnam(self._run_as)
            for path in (self.root, data):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(data), "-U", USER, "--auth=trust", "--encoding=UTF8", "--no-locale")
        self._run(
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-k {self.root} -c listen_addresses=''",
            "start",
        )
        self._run("createdb", "-h", str(self.root), "-U", USER, "fleet")
        return f"postgresql+psycopg://{USER}@/fleet?host={self.root}"

    def stop(self) -> None:
        if self.root is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "-t", "60", "stop")
        except ClusterError:
            pass
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
