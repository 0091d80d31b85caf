"""The terminal names positions in plain words and words doses as the web app does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.cli.main import app
from backcoach.core.catalogue import Catalogue
from backcoach.core.wording import dosage_text

JARGON = re.compile(r"\b(prone|supine|quadruped)\b", re.I)


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'backcoach.db'}")
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "250")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_exercise_list_and_pages_use_plain_words(catalogue: Catalogue) -> None:
    listing = run("exercises", "list")
    assert JARGON.findall(listing) == []
    assert "lying face down" in listing and "on hands and knees" in listing
    for exercise in catalogue:
        shown = run("exercises", "show", exercise.id)
        # Other names stay as people search for them ("quadruped arm and leg raise").
        read = "\n".join(line for line in shown.splitlines() if "Also called" not in line)
        assert JARGON.findall(read) == [], exercise.id
        assert dosage_text(exercise.dosage) in shown


def test_the_plan_and_its_cues_use_plain_words() -> None:
    shown = run("plan", "--minutes", "20", "--seed", "3")
    assert JARGON.findall(shown) == []
    assert "Get ready:" in shown


def test_the_terminal_cites_the_title(catalogue: Catalogue) -> None:
    source = catalogue.get("sphinx").sources[0]
    assert f"{source.title} ({source.file})" in run("exercises", "show", "sphinx")
