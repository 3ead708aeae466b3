"""A warmed-up parent for the crash proof: one interpreter imports the kiosk once, then forks every writer
and worker the proof kills. Each child is a real process (its own pid, its own SQLite connection and file
writes, `kiosk worker` itself through `kiosk.cli.main`) and dies of a real SIGKILL at a random moment; only
the interpreter start-up and imports (about 1 s of CPU per child) are paid once instead of once per child.

Run as `python -m tests.proof.warm_parent` with the kiosk's environment; one command per line on stdin:

- `write DATA_DIR COUNT SIZE`: a child queues the dossiers `crash-test-0000`... not queued yet, in order;
  it prints `started PID`, `ready` once its outbox is open, then `queued I` after each dossier;
- `work DATA_DIR PORTAL_URL`: a child runs `kiosk worker` (output to /dev/null); it prints `started PID`;
- `wait PID`: the parent reaps that child and prints `exit CODE` (minus the signal number if killed); the
  child's own lines all come before it;
- end of input: the parent kills the children still running and exits.

The parent imports only; it opens no database and starts no thread, so a fork copies nothing in use.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from pathlib import Path

from kiosk.app import open_outbox
from kiosk.cli import main as kiosk_main
from kiosk.commands import worker as _worker_command  # noqa: F401  (imported here, not in every child)
from kiosk.config import load_config
from tests.proof.conftest import PROCEDURE, documents, procedure_answers


def write(data_dir: str, count: int, size: int) -> int:
    outbox = open_outbox(load_config(data_dir=Path(data_dir)))
    print("ready", flush=True)
    applicant, answers = procedure_answers("001089012345")
    for i in range(count):
        outbox.enqueue(f"crash-test-{i:04d}", PROCEDURE, {"applicant": applicant, "answers": answers},
                       files=documents(i, size))
        print("queued", i, flush=True)
    return 0


def work(data_dir: str, portal_url: str) -> int:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    return kiosk_main(["worker", "--data-dir", data_dir, "--portal", portal_url])


def _child(command: str, args: list[str]) -> None:
    """Runs in the forked child; never returns."""
    code = 1
    try:
        print("started", os.getpid(), flush=True)
        code = write(args[0], int(args[1]), int(args[2])) if command == "write" else work(*args)
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # not the parent's exit handlers


def serve() -> None:
    children: set[int] = set()
    try:
        for line in sys.stdin:
            command, *args = line.split()
            if command in ("write", "work"):
                pid = os.fork()
                if pid == 0:
                    _child(command, args)
                children.add(pid)
            elif command == "wait":
                _, status = os.waitpid(int(args[0]), 0)
                children.discard(int(args[0]))
                print("exit", os.waitstatus_to_exitcode(status), flush=True)
            else:
                raise SystemExit(f"unknown command {command!r}")
    finally:
        # The test went away (ended, or its process was killed by a timeout): no worker outlives it.
        for pid in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


if __name__ == "__main__":
    serve()
