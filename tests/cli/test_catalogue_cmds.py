"""The catalogue as a person meets it in the terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from backcoach.adapters.catalogue_files import shipped_catalogue_dir


def backcoach(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backcoach.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env={"COLUMNS": "120", "PATH": "/usr/bin:/bin"},
    )


def test_list_json_has_the_fields_other_tools_rely_on() -> None:
    result = backcoach("exercises", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows, "the catalogue is empty"
    for row in rows:
        assert {"id", "name", "position", "equipment", "dosage", "sources"} <= row.keys()
        assert all(source.endswith(".txt") for source in row["sources"])


def test_list_filters_by_position_and_equipment() -> None:
    supine = json.loads(backcoach("exercises", "list", "--position", "supine", "--json").stdout)
    assert supine and all(
        row["position"] == "supine" or "supine" in row.get("positions", []) for row in supine
    )
    with_mat = json.loads(backcoach("exercises", "list", "--equipment", "mat", "--json").stdout)
    assert all("mat" in row["equipment"] for row in with_mat)


def test_list_table_shows_names() -> None:
    result = backcoach("exercises", "list")
    assert result.returncode == 0
    assert "knee-to-chest" in result.stdout


def test_show_lays_out_steps_cautions_and_sources() -> None:
    result = backcoach("exercises", "show", "knee-to-chest")
    assert result.returncode == 0, result.stderr
    for heading in ("Steps", "Cautions", "Stop if", "Sources", "004_60d9607439906321.txt"):
        assert heading in result.stdout


def test_show_names_the_body_areas_in_plain_words() -> None:
    result = backcoach("exercises", "show", "figure-four-stretch")
    assert result.returncode == 0, result.stderr
    assert "deep buttock muscle" in result.stdout
    assert "piriformis," not in result.stdout


def test_show_json_round_trips_the_whole_exercise() -> None:
    data = json.loads(backcoach("exercises", "show", "knee-to-chest", "--json").stdout)
    assert data["id"] == "knee-to-chest"
    assert data["dosage"]["hold_seconds"]["min"] <= data["dosage"]["hold_seconds"]["max"]


def test_unknown_id_suggests_the_closest_without_a_traceback() -> None:
    result = backcoach("exercises", "show", "knee-to-chset")
    assert result.returncode == 2
    assert "did you mean knee-to-chest" in result.stderr
    assert "Traceback" not in result.stderr


def test_figure_writes_an_svg(tmp_path: Path) -> None:
    out = tmp_path / "k.svg"
    result = backcoach("exercises", "figure", "knee-to-chest", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("<svg")


def test_figure_to_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    result = backcoach("exercises", "figure", "knee-to-chest", "-o", str(tmp_path / "no" / "k.svg"))
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_catalogue_check_accepts_the_shipped_catalogue() -> None:
    result = backcoach("catalogue", "check")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.update(colour="blue"), "colour: unknown field"),
        (lambda d: d["dosage"].update(mode="forever"), "dosage.mode:"),
        (lambda d: d.update(equipment=["rope"]), "equipment.0:"),
    ],
)
def test_catalogue_check_on_a_physios_bad_file_exits_2_with_one_line(
    tmp_path: Path, edit, expected: str
) -> None:
    data = yaml.safe_load((shipped_catalogue_dir() / "knee-to-chest.yaml").read_text())
    edit(data)
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = backcoach("catalogue", "check", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_option_value_is_a_usage_error() -> None:
    result = backcoach("exercises", "list", "--position", "upside-down")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
