"""Receipt PDFs saved at the kiosk follow the dossiers' retention (kiosk.store.purge)."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.store.purge import DAY_S, purge_receipt_files


def test_receipt_pdfs_older_than_the_retention_go(tmp_path: Path) -> None:
    old, new, other = tmp_path / "old.pdf", tmp_path / "new.pdf", tmp_path / "notes.txt"
    for path in (old, new, other):
        path.write_bytes(b"%PDF-1.4")
    now = 1_800_000_000.0
    os.utime(old, (now - 4 * DAY_S, now - 4 * DAY_S))
    os.utime(new, (now - 2 * DAY_S, now - 2 * DAY_S))
    os.utime(other, (now - 9 * DAY_S, now - 9 * DAY_S))
    assert purge_receipt_files(tmp_path, 3, dry_run=True, now=now) == 1 and old.exists()
    assert purge_receipt_files(tmp_path, 3, dry_run=False, now=now) == 1
    assert not old.exists() and new.exists() and other.exists()
    assert purge_receipt_files(tmp_path / "absent", 3, dry_run=False, now=now) == 0
