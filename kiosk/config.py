"""Kiosk settings: built-in defaults, then a TOML file, then `KIOSK_*` environment variables.

Every key is known in advance: a typo in the file or in the environment is an error that names the key,
never a silently ignored setting. Secrets (passwords, tokens) never live here; they belong in the OS
keyring, and a config key that looks like one is refused.

Environment variables: `KIOSK_<KEY>` for top-level keys (`KIOSK_DATA_DIR`, `KIOSK_DATABASE_URL`, ...) and
`KIOSK_<SECTION>__<KEY>` inside a section (`KIOSK_PORTAL__URL`, `KIOSK_UI__IDLE_TIMEOUT_S`). `KIOSK_CONFIG`
names the config file.
"""

from __future__ import annotations

import dataclasses
import os
import re
import socket
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NoReturn, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from kiosk.domain.documents import check_code_pattern

APP_NAME = "kiosk"
CONFIG_FILE_NAME = "kiosk.toml"
DATABASE_FILE_NAME = "kiosk.db"
ENV_PREFIX = "KIOSK_"
ENV_CONFIG_FILE = "KIOSK_CONFIG"
# KIOSK_* variables that are not settings; every other KIOSK_* variable must name a setting.
ENV_PSEUDO = "KIOSK_PSEUDO"  # a one-run switch for pseudo-translation (kiosk.ui.pseudo)
ENV_CLI_LANG = "KIOSK_CLI_LANG"  # the language of the CLI's words (kiosk.commands.words): vi, or en
NON_SETTING_ENV = frozenset({ENV_CONFIG_FILE, ENV_PSEUDO, ENV_CLI_LANG})

Orientation = Literal["auto", "portrait", "landscape"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

# Key names (or parts of them, split on "_") that hold secrets.
_SECRET_WORDS = frozenset(
    {"password", "passwd", "pass", "passphrase", "secret", "token", "apikey", "credential", "credentials"}
    | {"otp", "pin"}
)
_SECRET_KEYS = frozenset({"api_key", "private_key", "access_key", "secret_key"})

_KIOSK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[_-][A-Z]{2})?")


class ConfigError(ValueError):
    """The configuration cannot be used; the message names the key and says what to do."""


def _fail(message: str) -> NoReturn:
    raise ConfigError(message)


@dataclass(frozen=True)
class PortalConfig:
    #: "sandbox" runs the built-in reference portal; otherwise the portal API's base URL.
    url: str = "sandbox"
    timeout_s: float = 10.0
    #: Tries of one portal call (a refused connection, a timeout, a 5xx), the pause doubling from
    #: `retry_first_s` up to `retry_max_s`: this smooths over a blip; the outbox worker's own back-off
    #: (sync.retry_*) takes over after the last try.
    retry_attempts: int = 3
    retry_first_s: float = 0.5
    retry_max_s: float = 4.0
    #: The receiving unit's code, the prefix of dossier codes (`<unit code>-YYMMDD-XXXX`).
    unit_code: str = "000.00.00.H26"
    #: Decree 107 document code of each digitised paper, over {id} {type} {number} {seq} (DOMAIN.md §5).
    document_code_pattern: str = "{id}.{type}.{number}.{seq:02d}"
    #: The built-in sandbox only: seconds between a kiosk's e-ID login polls that it announces (a real
    #: portal announces its own; training and tests may take a shorter one).
    sandbox_eid_poll_s: float = 2.0

    def __post_init__(self) -> None:
        if self.url != "sandbox":
            parts = urlsplit(self.url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                _fail(f'portal.url must be "sandbox" or an http(s) URL, not {self.url!r}')
            if parts.password is not None:
                _fail("portal.url must not contain a password: store portal credentials in the OS keyring")
            if parts.username is not None:
                _fail("portal.url must not contain a user name or token before '@': store portal "
                      "credentials in the OS keyring (`kiosk enrol`)")
            _refuse_secret_query("portal.url", self.url)
        if not self.timeout_s > 0:
            _fail(f"portal.timeout_s must be positive, not {self.timeout_s}")
        if self.retry_attempts < 1:
            _fail(f"portal.retry_attempts must be at least 1, not {self.retry_attempts}")
        if not 0 <= self.retry_first_s <= self.retry_max_s:
            _fail("portal.retry_first_s must be at least 0 and at most portal.retry_max_s")
        if not self.unit_code.strip():
            _fail("portal.unit_code must not be empty")
        if not 0 < self.sandbox_eid_poll_s <= 60:
            _fail(f"portal.sandbox_eid_poll_s must be above 0 and at most 60, not {self.sandbox_eid_poll_s}")
        try:
            check_code_pattern(self.document_code_pattern)
        except ValueError as error:
            _fail(f"portal.document_code_pattern: {error}")


@dataclass(frozen=True)
class CameraConfig:
    #: "samples" plays the bundled sample images; otherwise a device index, a device path or a video file.
    source: str = "samples"
    #: The document camera (A4 from above, 8–13 MP): "documents" plays sample document photos.
    document_source: str = "documents"
    #: SANE device for paper ("auto": the first scanner attached; "none": no scanner at this kiosk).
    scanner_device: str = "auto"

    def __post_init__(self) -> None:
        if not self.source.strip():
            _fail("camera.source must not be empty")
        if not self.document_source.strip():
            _fail("camera.document_source must not be empty")


@dataclass(frozen=True)
class UiConfig:
    fullscreen: bool = False
    #: Seconds without a touch before the session is wiped ...
    idle_timeout_s: int = 90
    #: ... of which the last `idle_warning_s` show a "are you still there?" countdown.
    idle_warning_s: int = 30
    #: Seconds a finger must rest on the emblem (top left) to open staff mode's PIN pad.
    staff_gesture_hold_s: float = 3.0
    #: Seconds between the kiosk's questions to the portal whether a VietQR fee has been paid.
    payment_poll_s: float = 2.0
    orientation: Orientation = "auto"
    text_scale: float = 1.0
    #: Receipt printer: "dummy" (none), "usb:VID:PID", "tcp:HOST[:PORT]" or "file:PATH" (a device file).
    printer: str = "dummy"
    #: Every qsTr string lengthened and bracketed, to find text that overflows (also KIOSK_PSEUDO=1).
    pseudo_translation: bool = False
    #: Qt text-to-speech engine: "" (Qt's default, speech-dispatcher on Linux) or e.g. "mock" in tests.
    speech_engine: str = ""
    #: The helpline a citizen is told to call for help ("Gọi nhân viên"), e.g. "1900 xxxx"; "" if none.
    help_phone: str = ""
    #: This kiosk's province and commune codes (2025 list): offered first for addresses; "" if none.
    province: str = ""
    commune: str = ""

    def __post_init__(self) -> None:
        if self.printer != "dummy" and self.printer.partition(":")[0] not in ("usb", "tcp", "file"):
            _fail(f'ui.printer must be "dummy", "usb:VID:PID", "tcp:HOST[:PORT]" or "file:PATH", '
                  f"not {self.printer!r}")
        if self.idle_timeout_s <= 0:
            _fail(f"ui.idle_timeout_s must be positive, not {self.idle_timeout_s}")
        if not 0 <= self.idle_warning_s < self.idle_timeout_s:
            _fail(
                f"ui.idle_warning_s ({self.idle_warning_s}) must be at least 0 and less than "
                f"ui.idle_timeout_s ({self.idle_timeout_s})"
            )
        if not 0.5 <= self.staff_gesture_hold_s <= 10:
            _fail(f"ui.staff_gesture_hold_s must be between 0.5 and 10, not {self.staff_gesture_hold_s}")
        if not 0.1 <= self.payment_poll_s <= 60:
            _fail(f"ui.payment_poll_s must be between 0.1 and 60, not {self.payment_poll_s}")
        if not 0.5 <= self.text_scale <= 3.0:
            _fail(f"ui.text_scale must be between 0.5 and 3.0, not {self.text_scale}")


@dataclass(frozen=True)
class RetentionConfig:
    """How long dossiers and the audit trail stay on the kiosk (used by the purge job)."""

    #: Days an encrypted dossier is kept after the portal accepted it (short: the portal has it now).
    sent_days: int = 3
    #: Days a dossier the portal refused for good is kept, so staff can act on it.
    failed_days: int = 90
    #: Days audit events are kept.
    audit_days: int = 365
    #: Days at most a sent dossier whose result is to come home by post is kept (sealed) while it waits
    #: for the portal's "done" and its postal order (the address is needed then); sent_days does not apply.
    pending_post_days: int = 60

    def __post_init__(self) -> None:
        # sent_days 0: purge as soon as the portal has it (a dossier waiting for its postal order stays).
        if self.sent_days < 0:
            _fail(f"retention.sent_days must be 0 or more, not {self.sent_days}")
        for name in ("failed_days", "audit_days", "pending_post_days"):
            if getattr(self, name) < 1:
                _fail(f"retention.{name} must be at least 1 day, not {getattr(self, name)}")


@dataclass(frozen=True)
class SyncConfig:
    """The outbox worker: how often it looks for work and how it backs off after a failure."""

    #: Seconds between rounds when nothing wakes the worker earlier.
    interval_s: float = 30.0
    #: Back-off after a dossier's first transient failure; doubles per failure up to `retry_max_s`.
    retry_first_s: float = 30.0
    retry_max_s: float = 3600.0
    #: Random spread added to each back-off (0.2 = up to 20 % longer), so kiosks do not retry in step.
    retry_jitter: float = 0.2
    #: How long a worker's claim on a dossier it is sending lasts; a crashed worker's claims expire.
    lease_s: float = 600.0
    #: Seconds between status pulls for a dossier the portal accepted.
    status_interval_s: float = 900.0

    def __post_init__(self) -> None:
        for name in ("interval_s", "retry_first_s", "retry_max_s", "lease_s", "status_interval_s"):
            if not getattr(self, name) > 0:
                _fail(f"sync.{name} must be positive, not {getattr(self, name)}")
        if self.retry_max_s < self.retry_first_s:
            _fail("sync.retry_max_s must be at least sync.retry_first_s")
        if not 0 <= self.retry_jitter <= 1:
            _fail(f"sync.retry_jitter must be between 0 and 1, not {self.retry_jitter}")


@dataclass(frozen=True)
class LimitsConfig:
    """When the kiosk stops taking new dossiers (and alerts staff) rather than pile up ones it cannot send."""

    #: Hours the oldest unsent dossier may wait before new ones are refused.
    max_queue_age_h: float = 48.0
    #: Unsent dossiers (queued, sending or failed) allowed before new ones are refused.
    max_queue_size: int = 200
    #: Hours the cached procedure catalogue may be old before new dossiers are refused.
    max_catalogue_age_h: float = 168.0

    def __post_init__(self) -> None:
        for name in ("max_queue_age_h", "max_catalogue_age_h"):
            if not getattr(self, name) > 0:
                _fail(f"limits.{name} must be positive, not {getattr(self, name)}")
        if self.max_queue_size < 1:
            _fail(f"limits.max_queue_size must be at least 1, not {self.max_queue_size}")


@dataclass(frozen=True)
class KioskConfig:
    #: Identifies this kiosk in dossiers and the audit trail; must be unique in a shared database.
    kiosk_id: str
    data_dir: Path
    log_dir: Path
    database_url: str
    language: str = "vi"
    log_level: LogLevel = "INFO"
    portal: PortalConfig = field(default_factory=PortalConfig)
    camera: CameraConfig = field(default_factory=CameraConfig)
    ui: UiConfig = field(default_factory=UiConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)
    sync: SyncConfig = field(default_factory=SyncConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    #: The file the settings were read from, if any (not a setting itself).
    config_file: Path | None = None

    def __post_init__(self) -> None:
        if not _KIOSK_ID.fullmatch(self.kiosk_id):
            _fail(
                f"kiosk_id {self.kiosk_id!r} must be 1-64 letters, digits, '.', '_' or '-', "
                "starting with a letter or digit"
            )
        if not _LANGUAGE.fullmatch(self.language):
            _fail(f'language must be a language code like "vi" or "en", not {self.language!r}')
        try:
            url = make_url(self.database_url)
        except ArgumentError:
            _fail("database_url is not a database URL (expected e.g. sqlite:///path/kiosk.db)")
        if url.password is not None:
            _fail("database_url must not contain a password: store database credentials in the OS keyring")
        _refuse_secret_query("database_url", self.database_url)

    def describe(self) -> dict[str, Any]:
        """The settings as plain JSON-safe values (for `kiosk config show`), URLs with any credential
        masked (none should get this far: belt and braces)."""
        described: dict[str, Any] = _jsonable(dataclasses.asdict(self))
        described["database_url"] = mask_url_secrets(described["database_url"])
        described["portal"]["url"] = mask_url_secrets(described["portal"]["url"])
        return described


def load_config(
    config_file: Path | None = None,
    *,
    data_dir: Path | None = None,
    environ: Mapping[str, str] = os.environ,
) -> KioskConfig:
    """Read the settings: defaults, then the config file, then the environment.

    The config file is `config_file`, else `$KIOSK_CONFIG`, else `kiosk.toml` in the user config folder if
    it exists (an explicitly named file must exist). `data_dir` (the CLI's `--data-dir`) puts everything in
    that folder: the database in `<data_dir>/kiosk.db`, logs in `<data_dir>/logs`, whatever the file or the
    environment say, so a demo or training run can never write into the real kiosk's database.
    """
    path = _config_path(config_file, environ)
    settings: dict[str, Any] = {}
    if path is not None:
        _apply_file(settings, path)
    _apply_environ(settings, environ)

    if data_dir is not None:
        settings["data_dir"] = _absolute(Path(data_dir))
        settings.pop("log_dir", None)
        settings.pop("database_url", None)
    # Once the data folder is chosen, logs and database follow it unless they were chosen too.
    data_dir_chosen = "data_dir" in settings
    if not data_dir_chosen:
        settings["data_dir"] = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    root: Path = settings["data_dir"]
    if "log_dir" not in settings:
        settings["log_dir"] = (
            root / "logs" if data_dir_chosen else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
        )
    settings.setdefault("database_url", sqlite_url(root / DATABASE_FILE_NAME))
    settings.setdefault("kiosk_id", _default_kiosk_id())

    sections = {name: cls(**settings.pop(name, {})) for name, cls in _SECTIONS.items()}
    return KioskConfig(**settings, **sections, config_file=path)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{_absolute(path).as_posix()}"


def default_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE_NAME


# --- where the settings come from ---------------------------------------------------------------------


def _config_path(explicit: Path | None, environ: Mapping[str, str]) -> Path | None:
    if explicit is None and environ.get(ENV_CONFIG_FILE):
        explicit = Path(environ[ENV_CONFIG_FILE])
    if explicit is not None:
        explicit = _absolute(Path(explicit))
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return explicit
    default = default_config_file()
    return default if default.is_file() else None


def _apply_file(settings: dict[str, Any], path: Path) -> None:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from e
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e}") from e

    def where(key: str) -> str:
        return f"{path}: {key}"

    for key, value in data.items():
        if key in _SECTIONS:
            if not isinstance(value, dict):
                raise ConfigError(f"{where(key)} must be a table ([{key}]), not a single value")
            section = settings.setdefault(key, {})
            for sub_key, sub_value in value.items():
                _check_not_secret(f"{key}.{sub_key}", where(f"{key}.{sub_key}"))
                hint = _field_type(key, sub_key, where(f"{key}.{sub_key}"))
                section[sub_key] = _from_toml(sub_value, hint, where(f"{key}.{sub_key}"))
        else:
            _check_not_secret(key, where(key))
            hint = _field_type(None, key, where(key))
            value = _from_toml(value, hint, where(key))
            # Relative paths in a file are relative to the file, not to wherever the kiosk was started.
            settings[key] = _absolute(path.parent / value) if isinstance(value, Path) else value


def _apply_environ(settings: dict[str, Any], environ: Mapping[str, str]) -> None:
    for name in sorted(environ):
        if not name.startswith(ENV_PREFIX) or name in NON_SETTING_ENV:
            continue
        rest = name[len(ENV_PREFIX) :].lower()
        where = f"environment variable {name}"
        if "__" in rest:
            section, key = rest.split("__", 1)
            if section not in _SECTIONS:
                raise ConfigError(f"{where}: unknown section {section!r} (known: {', '.join(_SECTIONS)})")
        else:
            section, key = None, rest
        dotted = f"{section}.{key}" if section else key
        _check_not_secret(dotted, where)
        hint = _field_type(section, key, where)
        value = _from_env(environ[name], hint, where)
        if isinstance(value, Path):
            value = _absolute(value)
        if section is None:
            settings[key] = value
        else:
            settings.setdefault(section, {})[key] = value


# --- keys and types -------------------------------------------------------------------------------------

_SECTIONS: dict[str, type] = {
    "portal": PortalConfig,
    "camera": CameraConfig,
    "ui": UiConfig,
    "retention": RetentionConfig,
    "sync": SyncConfig,
    "limits": LimitsConfig,
}
# Fields of KioskConfig that are not settings.
_NOT_SETTINGS = frozenset({"config_file", *_SECTIONS})


def _settable_fields(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.name not in _NOT_SETTINGS}


def _field_type(section: str | None, key: str, where: str) -> Any:
    cls = KioskConfig if section is None else _SECTIONS[section]
    known = _settable_fields(cls)
    if key not in known:
        scope = "top-level key" if section is None else f"key in [{section}]"
        raise ConfigError(f"{where}: unknown {scope} {key!r} (known: {', '.join(sorted(known))})")
    return known[key]


def _check_not_secret(dotted_key: str, where: str) -> None:
    key = dotted_key.rsplit(".", 1)[-1]
    if key in _SECRET_KEYS or _SECRET_WORDS.intersection(key.split("_")):
        raise ConfigError(
            f"{where}: {dotted_key!r} looks like a secret; secrets never go in the config. "
            "Store it in the OS keyring instead."
        )


def _from_toml(value: Any, hint: Any, where: str) -> Any:
    expected = _describe_type(hint)
    if get_origin(hint) is Literal:
        choices = get_args(hint)
        if isinstance(value, str):
            return _choice(value, choices, where)
        raise ConfigError(f"{where} must be one of {_quoted(choices)}, not {value!r}")
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif hint is str:
        ok = isinstance(value, str)
    elif hint is Path:
        ok = isinstance(value, str) and bool(value.strip())
    else:  # pragma: no cover - a field of a type this loader does not know yet
        raise TypeError(f"unsupported setting type {hint!r}")
    if not ok:
        raise ConfigError(f"{where} must be {expected}, not {value!r}")
    return Path(value).expanduser() if hint is Path else value


def _from_env(text: str, hint: Any, where: str) -> Any:
    expected = _describe_type(hint)
    if get_origin(hint) is Literal:
        return _choice(text, get_args(hint), where)
    try:
        if hint is bool:
            lowered = text.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if hint is int:
            return int(text.strip())
        if hint is float:
            return float(text.strip())
    except ValueError:
        raise ConfigError(f"{where} must be {expected}, not {text!r}") from None
    if hint is Path:
        if not text.strip():
            raise ConfigError(f"{where} must be {expected}, not empty")
        return Path(text).expanduser()
    return text


def _choice(value: str, choices: tuple[Any, ...], where: str) -> str:
    for choice in choices:
        if value.strip().lower() == str(choice).lower():
            return str(choice)
    raise ConfigError(f"{where} must be one of {_quoted(choices)}, not {value!r}")


def _describe_type(hint: Any) -> str:
    if get_origin(hint) is Literal:
        return f"one of {_quoted(get_args(hint))}"
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "text", Path: "a path"}
    return names.get(hint, str(hint))


def _quoted(choices: tuple[Any, ...]) -> str:
    return ", ".join(f'"{c}"' for c in choices)


# --- helpers --------------------------------------------------------------------------------------------


def _absolute(path: Path) -> Path:
    # absolute(), not resolve(): keep symlinks the operator set up (e.g. a data folder on another disk).
    return path.expanduser().absolute()


def _default_kiosk_id() -> str:
    # The host name is a reasonable unique id for a kiosk that was not given one.
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", socket.gethostname()).strip("-._")[:64].lower()
    return cleaned or "kiosk"


# Query parameters that carry credentials (compared lower-case, with "-" read as "_").
_SECRET_QUERY_KEYS = frozenset({
    "api_key", "apikey", "key", "token", "access_token", "auth", "auth_token", "authorization", "password",
    "passwd", "pass", "pwd", "secret", "client_secret", "sig", "signature", "session", "sessionid", "otp",
})


def _secret_query_keys(url: str) -> list[str]:
    from urllib.parse import parse_qsl

    query = urlsplit(url).query
    return [name for name, _ in parse_qsl(query, keep_blank_values=True)
            if name.lower().replace("-", "_") in _SECRET_QUERY_KEYS or name.lower() in _SECRET_WORDS]


def _refuse_secret_query(key: str, url: str) -> None:
    found = _secret_query_keys(url)
    if found:
        _fail(f"{key} must not carry credentials in its query ({', '.join(sorted(set(found)))}=...): "
              "store them in the OS keyring (`kiosk enrol`) / không ghi mật khẩu, khóa API vào địa chỉ URL")


def mask_url_secrets(url: str) -> str:
    """`url` with a password, a user-info token and secret-looking query values replaced by `***`."""
    from urllib.parse import parse_qsl, urlencode, urlunsplit

    parts = urlsplit(url)
    if not parts.scheme or ("@" not in parts.netloc and not _secret_query_keys(url)):
        return url  # nothing to mask: unchanged (urlunsplit would also rewrite sqlite:////abs/path)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:***@{host}" if ":" in userinfo else f"***@{host}"
    query = parts.query
    if _secret_query_keys(url):
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, "***" if k in _secret_query_keys(url) else v) for k, v in pairs], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value
