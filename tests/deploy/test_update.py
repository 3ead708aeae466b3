"""Signed update bundles: verified before anything switches; a version that fails its health check is
rolled back to the previous one. Real .deb files (dpkg-deb), a recording installer instead of dpkg -i."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from kiosk.update import (
    RolledBackError,
    UpdateError,
    adopt,
    apply_update,
    keygen,
    sign_bundle,
    trusted_keys,
    verify_bundle,
)


@pytest.fixture(autouse=True)
def dpkg_deb() -> None:
    """The kiosk is packaged for Debian, where dpkg-deb is always there: without it, fail, never skip."""
    if shutil.which("dpkg-deb") is None:
        pytest.fail("dpkg-deb not found: these tests build real .deb files (Debian's dpkg)", pytrace=False)


def _deb(folder: Path, version: str) -> Path:
    root = folder / f"pkg-{version}"
    (root / "DEBIAN").mkdir(parents=True)
    (root / "DEBIAN" / "control").write_text(
        f"Package: kiosk-dichvucong\nVersion: {version}\nArchitecture: all\nMaintainer: t <t@localhost>\n"
        "Description: test\n", encoding="utf-8")
    (root / "opt").mkdir()
    (root / "opt" / "version.txt").write_text(version, encoding="utf-8")
    out = folder / f"kiosk_{version}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(root), str(out)], check=True,
                   capture_output=True, timeout=60)
    return out


class Kiosk:
    """What `dpkg -i` and the health check would see: the installed version; `broken` versions fail."""

    def __init__(self, installed: str, broken: frozenset[str] = frozenset()) -> None:
        self.installed = installed
        self.broken = broken
        self.installs: list[str] = []

    def install(self, package: Path) -> None:
        self.installed = subprocess.run(["dpkg-deb", "-f", str(package), "Version"], check=True,
                                        capture_output=True, text=True).stdout.strip()
        self.installs.append(self.installed)

    def health(self, version: str) -> tuple[bool, str]:
        if self.installed != version:
            return False, f"running {self.installed}"
        return (False, "not ready: database") if version in self.broken else (True, "ready")


Setup = tuple[Path, Path, Path]


def _apply(bundle: Path, keys: Path, state: Path, kiosk: Kiosk) -> dict[str, object]:
    return apply_update(bundle, keys=trusted_keys(keys), state=state, install=kiosk.install,
                        health=kiosk.health)


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    private, _ = keygen(tmp_path / "keys")
    state = tmp_path / "state"
    adopt(_deb(tmp_path, "0.1.0"), state)
    return private, tmp_path / "keys", state


def test_a_good_update_switches_and_keeps_the_previous_version(tmp_path: Path, setup: Setup) -> None:
    private, keys, state = setup
    bundle = tmp_path / "u.bundle"
    sign_bundle(_deb(tmp_path, "0.2.0"), private, bundle)
    kiosk = Kiosk("0.1.0")
    result = _apply(bundle, keys, state, kiosk)
    assert result == {"updated": "0.2.0", "previous": "0.1.0", "health": "ready"}
    assert kiosk.installs == ["0.2.0"]
    assert (state / "previous.deb").exists() and (state / "current.deb").exists()


def test_a_failing_update_is_rolled_back(tmp_path: Path, setup: Setup) -> None:
    private, keys, state = setup
    bundle = tmp_path / "u.bundle"
    sign_bundle(_deb(tmp_path, "0.2.0"), private, bundle)
    kiosk = Kiosk("0.1.0", broken=frozenset({"0.2.0"}))
    with pytest.raises(RolledBackError, match=r"rolled back to 0\.1\.0"):
        _apply(bundle, keys, state, kiosk)
    assert kiosk.installs == ["0.2.0", "0.1.0"] and kiosk.installed == "0.1.0"
    assert (state / "rejected" / "kiosk-dichvucong_0.2.0.deb").exists()
    assert "rolled_back" in (state / "history.jsonl").read_text()


def _tamper(bundle: Path, out: Path, member: str, data: bytes) -> None:
    with tarfile.open(bundle) as source, tarfile.open(out, "w") as target:
        for info in source.getmembers():
            content = source.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == member:
                content = data
            info.size = len(content)
            import io

            target.addfile(info, io.BytesIO(content))


def test_bundles_that_cannot_be_trusted_change_nothing(tmp_path: Path, setup: Setup) -> None:
    private, keys, state = setup
    good = tmp_path / "good.bundle"
    sign_bundle(_deb(tmp_path, "0.2.0"), private, good)
    other_private, _ = keygen(tmp_path / "other")
    foreign = tmp_path / "foreign.bundle"
    sign_bundle(_deb(tmp_path, "0.3.0"), other_private, foreign)
    swapped = tmp_path / "swapped.bundle"
    _tamper(good, swapped, "package.deb", _deb(tmp_path, "6.6.6").read_bytes())
    forged = tmp_path / "forged.bundle"
    _tamper(good, forged, "manifest.json", b'{"package": "kiosk-dichvucong", "version": "9.9.9"}')
    kiosk = Kiosk("0.1.0")
    refusals = ((foreign, "does not match any trusted"), (swapped, "does not match its signed hash"),
                (forged, "does not match any trusted"))
    for bundle, message in refusals:
        with pytest.raises(UpdateError, match=message):
            _apply(bundle, keys, state, kiosk)
    assert kiosk.installs == []
    with pytest.raises(UpdateError, match="no trusted update keys"):
        verify_bundle(good, [], tmp_path / "w")


def test_an_older_or_equal_version_is_refused(tmp_path: Path, setup: Setup) -> None:
    private, keys, state = setup
    bundle = tmp_path / "old.bundle"
    sign_bundle(_deb(tmp_path, "0.0.9"), private, bundle)
    kiosk = Kiosk("0.1.0")
    with pytest.raises(UpdateError, match="not newer"):
        _apply(bundle, keys, state, kiosk)
    assert kiosk.installs == []


def test_without_a_known_good_package_nothing_is_switched(tmp_path: Path) -> None:
    private, _ = keygen(tmp_path / "keys")
    bundle = tmp_path / "u.bundle"
    sign_bundle(_deb(tmp_path, "0.2.0"), private, bundle)
    with pytest.raises(UpdateError, match="kiosk update adopt"):
        apply_update(bundle, keys=trusted_keys(tmp_path / "keys"), state=tmp_path / "state",
                     install=Kiosk("0.1.0").install, health=Kiosk("0.1.0").health)
