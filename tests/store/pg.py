"""A real, throwaway PostgreSQL cluster for the storage tests.

The tests start it themselves (no service to set up): `initdb` into a temporary folder, `pg_ctl start` on a
Unix socket in that folder only (no TCP port), then one database per test. The server binaries come from
the Debian packages that `packaging/bootstrap.sh` installs (`/usr/lib/postgresql/<version>/bin`).
PostgreSQL refuses to run as root, and CI runs as root: the cluster then runs as the `postgres` system
user (made by the Debian package), else `nobody`, through `runuser`.

When PostgreSQL cannot be found or started, the tests that need it fail (never skip) with what went wrong.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

SUPERUSER = "kiosk"
# Durability is not what these tests measure; without fsync a test database is made in milliseconds.
_FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL could not be found or started; the message says what to do."""


OWNER_FILE = "owner.pid"  # the test process a cluster belongs to


def find_bin_dir() -> Path:
    """The newest `/usr/lib/postgresql/<version>/bin` that has initdb and pg_ctl."""
    candidates = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")]
    candidates = [p for p in candidates if (p / "initdb").is_file() and (p / "pg_ctl").is_file()]
    if not candidates:
        on_path = shutil.which("initdb"), shutil.which("pg_ctl")
        if on_path[0] and on_path[1]:
            return Path(on_path[0]).parent
        raise PostgresUnavailable(
            "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: "
            "run `bash packaging/bootstrap.sh` (it installs the Debian packages postgresql and "
            "postgresql-client)"
        )
    return max(candidates, key=lambda p: _version_key(p.parent.name))


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


class PostgresServer:
    """A PostgreSQL cluster of the tests' own, to create databases on."""

    def __init__(self) -> None:
        self._root: Path | None = None
        self._bin: Path | None = None
        self._run_as: str | None = None
        self._admin_url = ""
        self._admin: Engine | None = None
        self._wal_start: dict[str, str] = {}  # database name -> WAL position when it was made

    # --- life cycle -----------------------------------------------------------------------------------

    def start(self) -> None:
        self._start_cluster()
        self._admin = create_engine(self._admin_url, isolation_level="AUTOCOMMIT")
        try:
            with self._admin.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:
            self.stop()
            message = f"cannot connect to PostgreSQL at {self._admin_url}: {error}"
            raise PostgresUnavailable(message) from error

    def _start_cluster(self) -> None:
        self._bin = find_bin_dir()
        self._run_as = _unprivileged_user() if os.geteuid() == 0 else None
        self._stop_orphans()
        # Not under pytest's tmp_path: its folders are root-only, and the server user must reach the socket.
        root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self._root = root
        (root / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        data = root / "data"
        data.mkdir()
        root.chmod(0o755)
        data.chmod(0o700)
        if self._run_as is not None:
            entry = pwd.getpwnam(self._run_as)
            for path in (root, data):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb", "-D", str(data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
            "--no-locale", "--no-sync",
            what="initdb",
        )
        options = f"-k {root} -c listen_addresses='' {_FAST}"
        self._run(
            "pg_ctl", "-D", str(data), "-l", str(root / "server.log"), "-o", options, "-w", "-t", "60",
            "start",
            what="pg_ctl start",
        )
        self._admin_url = f"postgresql+psycopg://{SUPERUSER}@/postgres?host={root}"

    def _stop_orphans(self) -> None:
        """Clusters whose test process has died (a worker killed mid-run never reaches `stop`; pg_ctl's
        server is detached and would run for good): stop them and remove their folders."""
        for root in Path(tempfile.gettempdir()).glob("kiosk-pg-*"):
            try:
                owner = int((root / OWNER_FILE).read_text(encoding="ascii"))
                os.kill(owner, 0)
                continue  # its owner lives (or the pid was reused): not ours to stop
            except (OSError, ValueError):
                if not (root / OWNER_FILE).exists():
                    continue  # being made right now, or not one of ours
            if (root / "data" / "postmaster.pid").exists():
                with contextlib.suppress(PostgresUnavailable):
                    self._run("pg_ctl", "-D", str(root / "data"), "-m", "immediate", "-w", "stop",
                              what="pg_ctl stop (orphan)")
            shutil.rmtree(root, ignore_errors=True)

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.dispose()
            self._admin = None
        if self._root is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self._root / "data"), "-m", "immediate", "-w", "stop",
                      what="pg_ctl stop")
        except PostgresUnavailable:
            pass  # not running (start failed): nothing to stop
        finally:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def _run(self, tool: str, *args: str, what: str) -> None:
        assert self._bin is not None
        command = [str(self._bin / tool), *args]
        if self._run_as is not None:
            command = ["runuser", "-u", self._run_as, "--", *command]
        result = subprocess.run(
            command, cwd=self._root, capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            log = ""
            if self._root is not None and (self._root / "server.log").exists():
                log = (self._root / "server.log").read_text(errors="replace")[-2000:]
            raise PostgresUnavailable(
                f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
                f"{result.stdout[-2000:]}{result.stderr[-2000:]}{log}"
            )

    # --- databases ------------------------------------------------------------------------------------

    def create_database(self, prefix: str = "kiosk_test", template: str = "template0") -> str:
        """A new database, empty or a copy of `template` (a database of this server nobody is connected
        to); returns its SQLAlchemy URL."""
        assert self._admin is not None, "server not started"
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\''))
            lsn = connection.execute(text("SELECT pg_current_wal_insert_lsn()")).scalar()
            self._wal_start[name] = str(lsn)
        return make_url(self._admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        assert self._admin is not None, "server not started"
        name = make_url(url).database
        with self._admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._wal_start.pop(name or "", None)

    def at_rest(self, url: str) -> bytes:
        """What the server wrote to disk for one database: its table and index files (after a checkpoint, so
        every change is in them) and the write-ahead log since the database was made. Tests run one at a
        time, so that stretch of the log is this database's alone (other databases' rows stay out)."""
        assert self._root is not None and self._admin is not None, "server not started"
        name = make_url(url).database or ""
        data = self._root / "data"
        with self._admin.connect() as connection:
            connection.execute(text("CHECKPOINT"))
            oid = connection.execute(
                text("SELECT oid FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
            start, start_offset = connection.execute(
                text("SELECT file_name, file_offset FROM pg_walfile_name_offset(CAST(:lsn AS pg_lsn))"),
                {"lsn": self._wal_start[name]},
            ).one()
            end, end_offset = connection.execute(
                text("SELECT file_name, file_offset FROM pg_walfile_name_offset(pg_current_wal_insert_lsn())")
            ).one()
        chunks = [p.read_bytes() for p in sorted((data / "base" / str(oid)).iterdir()) if p.is_file()]
        # Segment names sort in log order; later names may be recycled segments holding old records.
        for segment in sorted(p for p in (data / "pg_wal").iterdir() if p.is_file() and len(p.name) == 24):
            if not start <= segment.name <= end:
                continue
            content = segment.read_bytes()
            chunks.append(content[start_offset if segment.name == start else 0:
                                  end_offset if segment.name == end else None])
        return b"".join(chunks)


def _unprivileged_user() -> str:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise PostgresUnavailable("running as root, and no `postgres` or `nobody` user to run PostgreSQL as")


def started_for(purpose: str) -> Iterator[PostgresServer]:
    """A throwaway cluster for a session fixture (`yield from started_for("the fleet tests")`): the
    tests fail, never skip, when PostgreSQL cannot start (the setup installs it)."""
    import pytest

    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL is needed for {purpose}: {error}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()
