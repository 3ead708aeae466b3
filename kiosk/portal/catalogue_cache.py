"""The kiosk's copy of the portal catalogue: one JSON file in the data dir, with its version and hash.

`refresh` asks the portal for the catalogue's version (a small answer) and downloads the whole catalogue
only when the version or hash differs from the cached one. With the portal unreachable the cached copy
serves, so a kiosk that starts offline still shows its procedures. The file is written atomically
(temp file, fsync, rename) and its hash is checked on load: a corrupted cache is ignored, not shown.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Protocol

from kiosk.portal.errors import PortalError
from kiosk.portal.models import Catalogue
from kiosk.portal.service_models import CatalogueVersion

log = logging.getLogger(__name__)
FILENAME = "catalogue.json"


class CatalogueSource(Protocol):
    def get_catalogue(self) -> Catalogue: ...
    def get_catalogue_version(self) -> CatalogueVersion: ...


class CatalogueCache:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILENAME

    def load(self) -> Catalogue | None:
        """The cached catalogue, or None when there is none or it does not match its hash."""
        try:
            raw = json.loads(self.path.read_text("utf-8"))
            return Catalogue.from_json(raw)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as error:
            log.warning("ignoring the cached catalogue in %s: %s", self.path, error)
            return None

    def save(self, catalogue: Catalogue) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(catalogue.to_json(), ensure_ascii=False).encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".catalogue-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def refresh(self, portal: CatalogueSource) -> tuple[Catalogue | None, bool]:
        """(catalogue to use, downloaded now). Downloads only when the portal's version or hash differs;
        on a portal error falls back to the cached copy (None when there is none either)."""
        cached = self.load()
        try:
            if cached is not None:
                current = portal.get_catalogue_version()
                if (current.version, current.hash) == (cached.version, cached.hash):
                    return cached, False
            fresh = portal.get_catalogue()
        except PortalError as error:
            log.warning("catalogue refresh failed (%s); using the cached copy", type(error).__name__)
            return cached, False
        self.save(fresh)
        return fresh, True
