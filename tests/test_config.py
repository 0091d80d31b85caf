"""The settings object: defaults, environment variables and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.config import Settings, SettingsError, load_settings


def test_defaults_put_a_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"BACKCOACH_DATA_DIR": str(tmp_path)})
    assert settings.data_dir == tmp_path
    assert settings.database_url == f"sqlite:///{tmp_path / 'backcoach.db'}"
    assert (settings.lead_in_seconds, settings.voice, settings.sounds) == (5, True, True)


def test_the_default_data_dir_is_the_users_and_nothing_is_created(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    settings = load_settings({})
    assert settings.data_dir == tmp_path / "backcoach"
    assert not settings.data_dir.exists()


def test_environment_then_overrides(tmp_path: Path) -> None:
    env = {
        "BACKCOACH_DATABASE_URL": "postgresql+psycopg://me@db/backcoach",
        "BACKCOACH_LEAD_IN_SECONDS": "8",
        "BACKCOACH_VOICE": "off",
        "BACKCOACH_DATA_DIR": str(tmp_path),
    }
    settings = load_settings(env)
    assert settings.database_url == "postgresql+psycopg://me@db/backcoach"
    assert (settings.lead_in_seconds, settings.voice) == (8, False)
    assert load_settings(env, voice=True, database_url=None).voice is True


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"BACKCOACH_LEAD_IN_SECONDS": "soon"},
            "BACKCOACH_LEAD_IN_SECONDS: Input should be a valid integer",
        ),
        (
            {"BACKCOACH_LEAD_IN_SECONDS": "99"},
            "BACKCOACH_LEAD_IN_SECONDS: Input should be less than or equal to 30",
        ),
        ({"BACKCOACH_VOICE": "loud"}, "BACKCOACH_VOICE: Input should be a valid boolean"),
        (
            {"BACKCOACH_DATABASE_URL": "backcoach.db"},
            "BACKCOACH_DATABASE_URL: Value error, expected a database URL",
        ),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], message: str, tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({**env, "BACKCOACH_DATA_DIR": str(tmp_path)})
    assert str(caught.value).startswith(message)


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load_settings({"BACKCOACH_DATA_DIR": str(tmp_path)})
    with pytest.raises(ValueError, match="frozen"):
        settings.voice = False  # type: ignore[misc]
    assert isinstance(settings, Settings)
