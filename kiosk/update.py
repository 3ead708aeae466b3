"""Signed updates with rollback: `kiosk update keygen|sign|verify|adopt|apply`.

A bundle is a tar file holding the new Debian package and a manifest (package name, version, SHA-256)
signed with the province's Ed25519 update key. A kiosk trusts the public keys in its trusted-keys folder
(/etc/kiosk/update-keys/*.pub, put there at installation). `apply`:

1. verifies the signature and the package's hash, and that the version is newer — all before anything
   is switched; a bundle that fails any check changes nothing;
2. installs the new package (`dpkg -i`), then runs the health check (by default `kiosk doctor
   --no-devices --json` must say ready, and `kiosk version` must name the new version);
3. if the health check fails, installs the previous package again (kept from the last update, or
   registered once with `adopt` after the first installation) and checks it; the new one is kept aside
   in `rejected/` for the technician.

State (root-owned, 0700): `<state>/current.deb` (the running version's package), `<state>/previous.deb`,
`<state>/rejected/`, `<state>/history.jsonl`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PACKAGE = "package.deb"
DEFAULT_KEYS_DIR = Path("/etc/kiosk/update-keys")
DEFAULT_STATE_DIR = Path("/var/lib/kiosk-updates")
_MAX_MEMBER = 2 * 1024**3


class UpdateError(Exception):
    """The bundle cannot be trusted or used; nothing was switched."""


class RolledBackError(UpdateError):
    """The new version failed its health check; the previous one is installed again."""


# --- keys and signing ---------------------------------------------------------------------------------


def keygen(folder: Path, name: str = "update") -> tuple[Path, Path]:
    """A new Ed25519 key pair: `<name>.key` (private, 0600: keep it off the kiosks) and `<name>.pub`."""
    folder.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    key_path, pub_path = folder / f"{name}.key", folder / f"{name}.pub"
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    pub_path.write_bytes(private.public_key().public_bytes(serialization.Encoding.PEM,
                                                           serialization.PublicFormat.SubjectPublicKeyInfo))
    return key_path, pub_path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def deb_field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], check=True, capture_output=True, text=True,
                          timeout=60).stdout.strip()


def sign_bundle(deb: Path, private_key: Path, out: Path, *, package: str | None = None,
                version: str | None = None) -> dict[str, Any]:
    """Write the bundle `out` for `deb`, signed with `private_key`. Package and version are read from
    the .deb unless given."""
    key = serialization.load_pem_private_key(private_key.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise UpdateError(f"{private_key} is not an Ed25519 private key")
    manifest = {
        "package": package or deb_field(deb, "Package"),
        "version": version or deb_field(deb, "Version"),
        "sha256": _sha256(deb),
        "size": deb.stat().st_size,
        "signed_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    raw = json.dumps(manifest, sort_keys=True).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(out, "w") as bundle:
        for name, data in ((MANIFEST, raw), (SIGNATURE, key.sign(raw))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))
        bundle.add(deb, arcname=PACKAGE)
    return manifest


def trusted_keys(folder: Path) -> list[Ed25519PublicKey]:
    keys = []
    for path in sorted(folder.glob("*.pub")):
        key = serialization.load_pem_public_key(path.read_bytes())
        if isinstance(key, Ed25519PublicKey):
            keys.append(key)
    return keys


# --- verification -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedBundle:
    manifest: dict[str, Any]
    package: Path  # extracted, hash checked


def verify_bundle(bundle: Path, keys: list[Ed25519PublicKey], workdir: Path) -> VerifiedBundle:
    """Check the signature, then extract the package and check its hash. Raises UpdateError."""
    if not keys:
        raise UpdateError("no trusted update keys on this kiosk: nothing can be verified")
    try:
        with tarfile.open(bundle, "r:") as tar:
            members = {m.name: m for m in tar.getmembers()}
            expected = {MANIFEST, SIGNATURE, PACKAGE}
            if set(members) != expected or not all(m.isfile() for m in members.values()):
                raise UpdateError(f"{bundle}: not an update bundle (expected {', '.join(sorted(expected))})")
            if members[PACKAGE].size > _MAX_MEMBER or members[MANIFEST].size > 65536:
                raise UpdateError(f"{bundle}: a member is too large")
            raw = _read(tar, members[MANIFEST])
            signature = _read(tar, members[SIGNATURE])
            if not _signed_by_any(raw, signature, keys):
                raise UpdateError(f"{bundle}: the signature does not match any trusted update key")
            manifest = json.loads(raw)
            workdir.mkdir(parents=True, exist_ok=True)
            package = workdir / f"{manifest['package']}_{manifest['version']}.deb"
            source = tar.extractfile(members[PACKAGE])
            assert source is not None
            with package.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
    except (tarfile.TarError, OSError, ValueError, KeyError) as error:
        raise UpdateError(f"{bundle}: unreadable bundle ({error})") from error
    if _sha256(package) != manifest["sha256"]:
        package.unlink(missing_ok=True)
        raise UpdateError(f"{bundle}: the package does not match its signed hash")
    return VerifiedBundle(manifest, package)


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = tar.extractfile(member)
    if handle is None:
        raise UpdateError(f"{member.name} is not a file")
    return handle.read()


def _signed_by_any(raw: bytes, signature: bytes, keys: list[Ed25519PublicKey]) -> bool:
    for key in keys:
        try:
            key.verify(signature, raw)
            return True
        except InvalidSignature:
            continue
    return False


# --- switching and rolling back -----------------------------------------------------------------------

Installer = Callable[[Path], None]
HealthCheck = Callable[[str], tuple[bool, str]]


def dpkg_install(package: Path) -> None:
    result = subprocess.run(["dpkg", "-i", str(package)], capture_output=True, text=True, timeout=1800,
                            check=False)
    if result.returncode != 0:
        raise UpdateError(f"dpkg -i {package.name} failed: {result.stderr.strip()[-500:]}")


def doctor_health(version: str) -> tuple[bool, str]:
    """The installed kiosk runs, is the expected version and says it is ready."""
    try:
        shown = subprocess.run(["kiosk", "version"], capture_output=True, text=True, timeout=120, check=False)
        if version not in shown.stdout:
            return False, f"kiosk version says {shown.stdout.strip() or shown.stderr.strip()[-200:]!r}"
        doctor = subprocess.run(["kiosk", "doctor", "--no-devices", "--json"], capture_output=True, text=True,
                                timeout=300, check=False)
        report = json.loads(doctor.stdout)
    except (OSError, subprocess.TimeoutExpired, ValueError) as error:
        return False, f"health check did not run: {error}"
    failed = [c["key"] for c in report.get("checks", []) if c.get("level") == "error"]
    return bool(report.get("ready")), "ready" if report.get("ready") else f"not ready: {', '.join(failed)}"


def _version_key(version: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("-", ".").replace("+", ".").split("."))


def _log(state: Path, event: dict[str, Any]) -> None:
    with (state / "history.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps({"at": datetime.now(UTC).isoformat(timespec="seconds"), **event}) + "\n")


def adopt(package: Path, state: Path) -> dict[str, Any]:
    """Register the package of the running version as the known-good one to roll back to."""
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    version = deb_field(package, "Version")
    shutil.copyfile(package, state / "current.deb")
    _log(state, {"event": "adopted", "version": version})
    return {"adopted": version}


def apply_update(
    bundle: Path,
    *,
    keys: list[Ed25519PublicKey],
    state: Path,
    install: Installer = dpkg_install,
    health: HealthCheck = doctor_health,
    current_version: str | None = None,
    allow_downgrade: bool = False,
) -> dict[str, Any]:
    """Verify, switch, check, and roll back on failure; see the module's docstring."""
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    verified = verify_bundle(bundle, keys, state / "incoming")
    version = verified.manifest["version"]
    current = state / "current.deb"
    if not current.exists():
        verified.package.unlink(missing_ok=True)
        raise UpdateError("no known-good package to roll back to: register the installed one first with "
                          "`kiosk update adopt PACKAGE.deb`")
    running = current_version or deb_field(current, "Version")
    if not allow_downgrade and _version_key(version) <= _version_key(running):
        verified.package.unlink(missing_ok=True)
        raise UpdateError(f"bundle version {version} is not newer than the running {running}")
    _log(state, {"event": "switching", "from": running, "to": version})
    try:
        install(verified.package)
        ok, why = health(version)
    except UpdateError as error:
        ok, why = False, str(error)
    if ok:
        shutil.move(current, state / "previous.deb")
        shutil.move(verified.package, current)
        _log(state, {"event": "updated", "version": version})
        return {"updated": version, "previous": running, "health": why}
    rejected = state / "rejected"
    rejected.mkdir(exist_ok=True)
    shutil.move(verified.package, rejected / verified.package.name)
    install(current)
    back_ok, back_why = health(running)
    _log(state, {"event": "rolled_back", "failed": version, "reason": why, "back_to": running,
                 "back_health": back_why})
    raise RolledBackError(f"version {version} failed its health check ({why}); rolled back to {running} "
                          f"({back_why if back_ok else 'NOT healthy either: ' + back_why})")
