"""``backcoach week`` and ``backcoach flare``, on the tests' day (a Thursday)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.cli.main import app


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "backcoach.db"
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "250")
    return path


def invoke(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_week_shows_each_day_done_planned_rest_or_missed(database: Path) -> None:
    out = invoke("week")
    lines = out.splitlines()
    # Three days a week by default: Monday and Wednesday passed undone, Friday to come.
    assert lines[:7] == [
        "Mon 2026-03-09  missed",
        "Tue 2026-03-10  rest",
        "Wed 2026-03-11  missed",
        "Thu 2026-03-12  rest  <- today",
        "Fri 2026-03-13  planned",
        "Sat 2026-03-14  rest",
        "Sun 2026-03-15  rest",
    ]
    assert "0 of 3 sessions done" in out and "Level: beginner" in out


def test_flare_gives_advice_a_gentle_routine_and_holds_doses(database: Path) -> None:
    out = invoke("flare")
    assert "Keep moving gently" in out and "emergency department" in out
    assert "gentle routine" in out
    assert "Doses are held after your flare-up until 2026-03-18" in invoke("week")
    exported = json.loads(invoke("export"))
    (profile,) = exported["profiles"]
    assert [f["at"][:10] for f in profile["flares"]] == ["2026-03-12"]


def test_days_per_week_is_chosen_with_profile_set_and_planned_by_week(database: Path) -> None:
    assert "profile saved" in invoke("profile", "set", "--days-per-week", "2")
    assert json.loads(invoke("profile", "show", "--json"))["days_per_week"] == 2
    lines = invoke("week").splitlines()
    # Two days a week fall on Tuesday and Friday, with rest days between.
    assert [line.split()[2] for line in lines[:7]] == [
        "rest", "missed", "rest", "rest", "planned", "rest", "rest",
    ]  # fmt: skip
    assert "0 of 2 sessions done" in lines[7]


@pytest.mark.parametrize("given", ["0", "8", "two"])
def test_days_per_week_outside_one_to_seven_is_refused_clearly(database: Path, given: str) -> None:
    result = CliRunner().invoke(app, ["profile", "set", "--days-per-week", given])
    assert result.exit_code == 2
    assert "Invalid value for '--days-per-week'" in result.output
    assert json.loads(invoke("profile", "show", "--json"))["days_per_week"] == 3
