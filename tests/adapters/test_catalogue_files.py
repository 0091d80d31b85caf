"""Bad exercise files get one clear line each: file, line or field, what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from backcoach.adapters.catalogue_files import (
    CatalogueError,
    load_catalogue,
    shipped_catalogue_dir,
)

SAMPLE = shipped_catalogue_dir() / "knee-to-chest.yaml"


def write_variant(folder: Path, edit, name: str = "custom.yaml") -> Path:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    edit(data)
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def only_problem(path: Path) -> str:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


def test_a_valid_copy_loads(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d.update(id="my-stretch"))
    assert load_catalogue(path).ids == ["my-stretch"]


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: broken\nname: [unclosed\nsummary: x\n", encoding="utf-8")
    message = only_problem(path)
    assert message.startswith(f"{path}:")
    assert "YAML syntax error" in message
    assert ":2:" in message or ":3:" in message or ":4:" in message


def test_unknown_field_is_named_with_its_line(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d.update(colour="blue"))
    message = only_problem(path)
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("colour")
    )
    assert (
        message
        == f"{path}:{line}: colour: unknown field (check the spelling; see the catalogue schema)"
    )


def test_missing_field_is_named(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d.pop("cautions"))
    assert only_problem(path).endswith("cautions: required field is missing")


def test_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d["dosage"]["hold_seconds"].update(default="long"))
    message = only_problem(path)
    assert "dosage.hold_seconds.default:" in message
    assert "integer" in message


def test_inverted_range_is_reported(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path, lambda d: d["dosage"]["hold_seconds"].update(min=60, max=20, default=30)
    )
    message = only_problem(path)
    assert "dosage.hold_seconds" in message
    assert "inverted range: min 60 is above max 20" in message


def test_unknown_equipment_lists_the_allowed_values(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d.update(equipment=["trampoline"]))
    message = only_problem(path)
    assert "equipment.0:" in message
    assert "'trampoline'" in message
    assert "pull-up-bar" in message


def test_keyframe_missing_a_joint_is_named(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d["figure"]["keyframes"][0]["angles"].pop("near_shin"))
    message = only_problem(path)
    assert "figure.keyframes.0" in message
    assert "missing joint angle(s): near_shin" in message


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    first = write_variant(tmp_path, lambda d: None, "a.yaml")
    second = write_variant(tmp_path, lambda d: None, "b.yaml")
    message = only_problem(tmp_path)
    assert str(second) in message
    assert str(first) in message
    assert "duplicate id 'knee-to-chest'" in message


def test_every_problem_in_a_folder_is_reported_not_just_the_first(tmp_path: Path) -> None:
    write_variant(tmp_path, lambda d: d.update(id="one", colour="x"), "one.yaml")
    write_variant(tmp_path, lambda d: d.update(id="two", level="expert"), "two.yaml")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path)
    assert len(caught.value.problems) == 2


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    assert "no such file or folder" in only_problem(tmp_path / "nope")
    assert "no .yaml exercise files found" in only_problem(tmp_path)
