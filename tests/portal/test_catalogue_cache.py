from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.portal.catalogue_cache import CatalogueCache
from kiosk.portal.errors import PortalUnavailable
from kiosk.portal.models import Catalogue
from kiosk.portal.service_models import CatalogueVersion
from kiosk.sandbox.catalogue import load_seed_catalogue


@pytest.fixture(scope="module")
def seed() -> Catalogue:
    return Catalogue.from_json(json.loads(load_seed_catalogue().body))


class FakePortal:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.downloads = 0
        self.down = False

    def get_catalogue_version(self) -> CatalogueVersion:
        if self.down:
            raise PortalUnavailable("down")
        return CatalogueVersion(self.catalogue.version, self.catalogue.hash)

    def get_catalogue(self) -> Catalogue:
        if self.down:
            raise PortalUnavailable("down")
        self.downloads += 1
        return self.catalogue


def test_downloads_once_then_only_when_the_version_changes(tmp_path: Path, seed: Catalogue) -> None:
    cache, portal = CatalogueCache(tmp_path), FakePortal(seed)
    assert cache.refresh(portal) == (seed, True)
    assert cache.refresh(portal) == (seed, False)
    assert portal.downloads == 1
    portal.catalogue = replace(seed, version="sandbox-next")
    catalogue, downloaded = cache.refresh(portal)
    assert downloaded and catalogue is not None and catalogue.version == "sandbox-next"
    assert CatalogueCache(tmp_path).load() == catalogue  # survives a restart


def test_offline_start_uses_the_cache_and_a_corrupt_cache_is_ignored(tmp_path: Path, seed: Catalogue) -> None:
    cache, portal = CatalogueCache(tmp_path), FakePortal(seed)
    portal.down = True
    assert cache.refresh(portal) == (None, False)
    portal.down = False
    cache.refresh(portal)
    portal.down = True
    assert cache.refresh(portal) == (seed, False)
    text = cache.path.read_text("utf-8").replace("Đăng ký khai sinh", "Đăng ký khai tử", 1)
    cache.path.write_text(text, "utf-8")
    assert cache.load() is None  # hash mismatch
