"""Settings: defaults without any file, a TOML file, KIOSK_* overrides, and loud errors for mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest

from kiosk.config import ConfigError, KioskConfig, load_config


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the per-user folders into tmp_path, so no test reads or writes the real ones."""
    home = tmp_path / "home"
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(home / "config"))
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(home / "data"))
    monkeypatch.setattr(platformdirs, "user_log_dir", lambda *a, **k: str(home / "log"))
    return home


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_need_no_file(user_dirs: Path) -> None:
    config = load_config(environ={})
    assert config.config_file is None
    assert config.data_dir == user_dirs / "data"
    assert config.log_dir == user_dirs / "log"
    assert config.database_url == f"sqlite:///{user_dirs / 'data' / 'kiosk.db'}"
    assert config.language == "vi"
    assert config.log_level == "INFO"
    assert config.kiosk_id  # the host name, cleaned up
    assert (config.portal.url, config.portal.timeout_s) == ("sandbox", 10.0)
    assert config.portal.unit_code
    assert config.camera.source == "samples"
    ui = config.ui
    assert (ui.fullscreen, ui.idle_timeout_s, ui.idle_warning_s, ui.orientation, ui.text_scale) == (
        False,
        90,
        30,
        "auto",
        1.0,
    )
    assert config.retention.sent_days > 0


def test_data_dir_argument_puts_everything_in_it(tmp_path: Path) -> None:
    file = write(
        tmp_path / "kiosk.toml",
        'log_dir = "/var/log/kiosk"\ndatabase_url = "postgresql://kiosk@centre/kiosk"\n',
    )
    data = tmp_path / "demo"
    config = load_config(file, data_dir=data, environ={"KIOSK_DATABASE_URL": "sqlite:////elsewhere.db"})
    assert config.data_dir == data
    assert config.log_dir == data / "logs"
    assert config.database_url == f"sqlite:///{data / 'kiosk.db'}"


def test_a_chosen_data_dir_carries_logs_and_database_along(tmp_path: Path) -> None:
    config = load_config(environ={"KIOSK_DATA_DIR": str(tmp_path / "d")})
    assert config.data_dir == tmp_path / "d"
    assert config.log_dir == tmp_path / "d" / "logs"
    assert config.database_url == f"sqlite:///{tmp_path / 'd' / 'kiosk.db'}"


def test_file_values_are_read_and_typed(tmp_path: Path) -> None:
    file = write(
        tmp_path / "etc" / "kiosk.toml",
        """
kiosk_id = "hn-buudien-01"
language = "en"
log_level = "debug"
data_dir = "data"          # relative to this file
database_url = "postgresql://kiosk@db.local/kiosk"

[portal]
url = "https://dichvucong.example.vn/api"
timeout_s = 20               # an integer is fine for a float
unit_code = "000.00.53.H48"

[camera]
source = "/dev/video2"

[ui]
fullscreen = true
idle_timeout_s = 120
idle_warning_s = 20
orientation = "portrait"
text_scale = 1.25

[retention]
sent_days = 7
""",
    )
    config = load_config(file, environ={})
    assert config.config_file == file
    assert config.kiosk_id == "hn-buudien-01"
    assert config.language == "en"
    assert config.log_level == "DEBUG"
    assert config.data_dir == tmp_path / "etc" / "data"
    assert config.log_dir == tmp_path / "etc" / "data" / "logs"
    assert config.database_url == "postgresql://kiosk@db.local/kiosk"
    assert config.portal.url == "https://dichvucong.example.vn/api"
    assert config.portal.timeout_s == 20.0 and isinstance(config.portal.timeout_s, float)
    assert config.portal.unit_code == "000.00.53.H48"
    assert config.camera.source == "/dev/video2"
    assert config.ui.fullscreen is True
    assert (config.ui.idle_timeout_s, config.ui.idle_warning_s) == (120, 20)
    assert config.ui.orientation == "portrait"
    assert config.ui.text_scale == 1.25
    assert config.retention.sent_days == 7
    assert config.retention.audit_days == 365  # untouched keys keep their defaults


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    file = write(
        tmp_path / "kiosk.toml", '[portal]\nurl = "https://a.example.vn"\n[ui]\nidle_timeout_s = 120\n'
    )
    config = load_config(
        file,
        environ={
            "KIOSK_PORTAL__URL": "http://localhost:8765",
            "KIOSK_UI__IDLE_TIMEOUT_S": "60",
            "KIOSK_UI__FULLSCREEN": "yes",
            "KIOSK_UI__TEXT_SCALE": "1.5",
            "KIOSK_UI__ORIENTATION": "Landscape",
            "KIOSK_KIOSK_ID": "dn-01",
            "KIOSK_LOG_DIR": str(tmp_path / "logs"),
            "PATH": "/usr/bin",  # not ours: ignored
        },
    )
    assert config.portal.url == "http://localhost:8765"
    assert config.ui.idle_timeout_s == 60
    assert config.ui.fullscreen is True
    assert config.ui.text_scale == 1.5
    assert config.ui.orientation == "landscape"
    assert config.kiosk_id == "dn-01"
    assert config.log_dir == tmp_path / "logs"


def test_config_file_from_the_environment(tmp_path: Path) -> None:
    file = write(tmp_path / "elsewhere.toml", 'kiosk_id = "from-env-file"\n')
    assert load_config(environ={"KIOSK_CONFIG": str(file)}).kiosk_id == "from-env-file"


def test_config_file_in_the_user_config_folder_is_found(user_dirs: Path) -> None:
    file = write(user_dirs / "config" / "kiosk.toml", 'kiosk_id = "default-place"\n')
    config = load_config(environ={})
    assert config.kiosk_id == "default-place"
    assert config.config_file == file


def test_an_explicitly_named_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "missing.toml", environ={})
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(environ={"KIOSK_CONFIG": str(tmp_path / "missing.toml")})


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("kiosk_idd = 'x'", "unknown top-level key 'kiosk_idd'"),
        ("[ui]\nidle_timout_s = 10", r"unknown key in \[ui\] 'idle_timout_s'"),
        ("[printer]\nname = 'x'", "unknown top-level key 'printer'"),
        ("ui = 3", r"ui must be a table"),
        ("[ui]\nidle_timeout_s = '60'", "ui.idle_timeout_s must be a whole number"),
        ("[ui]\nidle_timeout_s = 60.5", "ui.idle_timeout_s must be a whole number"),
        ("[ui]\nfullscreen = 1", "ui.fullscreen must be true or false"),
        ("[ui]\norientation = 'sideways'", 'ui.orientation must be one of "auto", "portrait", "landscape"'),
        ("[portal]\ntimeout_s = true", "portal.timeout_s must be a number"),
        ("[portal]\nurl = 'ftp://x'", "portal.url must be"),
        ("[portal]\ntimeout_s = 0", "portal.timeout_s must be positive"),
        ("[ui]\nidle_timeout_s = 30\nidle_warning_s = 30", "ui.idle_warning_s"),
        ("[ui]\ntext_scale = 9.0", "ui.text_scale"),
        ("[retention]\nsent_days = -1", "retention.sent_days"),
        ("kiosk_id = 'has space'", "kiosk_id"),
        ("language = 'Vietnamese'", "language"),
        ("log_level = 'loud'", "log_level must be one of"),
        ("data_dir = ''", "data_dir must be a path"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_mistakes_in_the_file_name_the_key(tmp_path: Path, toml: str, message: str) -> None:
    file = write(tmp_path / "kiosk.toml", toml + "\n")
    with pytest.raises(ConfigError, match=message):
        load_config(file, environ={})


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("KIOSK_UI__IDLE_TIMOUT_S", "60", "KIOSK_UI__IDLE_TIMOUT_S: unknown key in \\[ui\\] 'idle_timout_s'"),
        ("KIOSK_UIX__IDLE_TIMEOUT_S", "60", "unknown section 'uix'"),
        ("KIOSK_DATADIR", "/tmp", "KIOSK_DATADIR: unknown top-level key 'datadir'"),
        ("KIOSK_UI__IDLE_TIMEOUT_S", "sixty", "KIOSK_UI__IDLE_TIMEOUT_S must be a whole number"),
        ("KIOSK_UI__FULLSCREEN", "maybe", "KIOSK_UI__FULLSCREEN must be true or false"),
        ("KIOSK_PORTAL__TIMEOUT_S", "fast", "must be a number"),
        ("KIOSK_DATA_DIR", "", "KIOSK_DATA_DIR must be a path"),
    ],
)
def test_mistakes_in_the_environment_name_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(environ={name: value})


@pytest.mark.parametrize(
    "toml",
    [
        "password = 'x'",
        "[portal]\ntoken = 'x'",
        "[portal]\napi_key = 'x'",
        "[portal]\nclient_secret = 'x'",
        "db_password = 'x'",
    ],
)
def test_secrets_in_the_file_are_refused(tmp_path: Path, toml: str) -> None:
    file = write(tmp_path / "kiosk.toml", toml + "\n")
    with pytest.raises(ConfigError, match="keyring") as caught:
        load_config(file, environ={})
    assert "'x'" not in str(caught.value), "the secret itself is not repeated"


def test_secrets_in_the_environment_and_in_urls_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="keyring"):
        load_config(environ={"KIOSK_PORTAL__TOKEN": "abc"})
    with pytest.raises(ConfigError, match="database_url must not contain a password") as caught:
        load_config(environ={"KIOSK_DATABASE_URL": "postgresql://kiosk:hunter2@db/kiosk"})
    assert "hunter2" not in str(caught.value)
    with pytest.raises(ConfigError, match=r"portal\.url must not contain a password"):
        load_config(environ={"KIOSK_PORTAL__URL": "https://u:hunter2@portal.example.vn"})


def test_config_is_frozen() -> None:
    config = load_config(environ={})
    with pytest.raises(AttributeError):
        config.kiosk_id = "other"  # type: ignore[misc]


def test_describe_is_json_safe_and_complete(tmp_path: Path) -> None:
    config = load_config(data_dir=tmp_path, environ={"KIOSK_UI__IDLE_TIMEOUT_S": "60"})
    described = config.describe()
    assert json.loads(json.dumps(described)) == described
    assert described["data_dir"] == str(tmp_path)
    assert described["log_dir"] == str(tmp_path / "logs")
    assert described["ui"]["idle_timeout_s"] == 60
    assert described["portal"]["url"] == "sandbox"
    assert described["config_file"] is None
    assert set(described) == {f for f in KioskConfig.__dataclass_fields__}
