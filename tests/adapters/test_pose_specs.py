"""The shipped camera specs: every catalogue exercise is covered, and bad files say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.adapters.pose_specs import (
    CameraSpecError,
    build_pose_model,
    camera_dir,
    load_camera_specs,
    load_negatives,
)


def test_every_catalogue_exercise_has_form_rules(catalogue):
    specs = load_camera_specs()
    assert set(catalogue.ids) <= set(specs)
    for exercise_id in catalogue.ids:
        assert specs[exercise_id].rules, exercise_id


def test_flows_and_rep_exercises_say_how_to_count(catalogue):
    specs = load_camera_specs()
    counted = {"cat-cow", "glute-bridge", "bird-dog"}
    assert {e for e in counted if e in specs and specs[e].reps is not None} == counted & set(specs)


def test_negatives_cover_common_non_exercises():
    names = {pose.name for pose in load_negatives().poses}
    assert {"standing, arms by the sides", "high plank", "lying flat on the back"} <= names


def _copy_specs(tmp_path: Path) -> Path:
    for path in camera_dir().glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())
    return tmp_path


def test_a_bad_rule_is_reported_with_file_and_field(tmp_path):
    folder = _copy_specs(tmp_path)
    (folder / "sphinx.yaml").write_text(
        "exercise: sphinx\nrules:\n  - {id: chest-up, measure: chest_height, min: 0, cue: Lift up.}\n"
    )
    with pytest.raises(CameraSpecError, match=r"sphinx.yaml: rules.0.measure: .*unknown measure"):
        load_camera_specs(folder)


def test_a_rule_without_its_kind_or_a_range_pushing_further_is_reported(tmp_path):
    folder = _copy_specs(tmp_path)
    path = folder / "childs-pose.yaml"
    text = path.read_text()
    path.write_text(text.replace("    kind: range\n", "", 1))
    with pytest.raises(CameraSpecError, match=r"childs-pose.yaml: rules.\d.kind: Field required"):
        load_camera_specs(folder)
    path.write_text(text.replace(", only as far as is comfortable", "", 1))
    with pytest.raises(CameraSpecError, match=r"childs-pose.yaml: rules.0: .*only as far as is"):
        load_camera_specs(folder)


def test_an_unknown_recognise_keyframe_is_refused(tmp_path, catalogue):
    folder = _copy_specs(tmp_path)
    text = (folder / "sphinx.yaml").read_text()
    (folder / "sphinx.yaml").write_text(text.replace("hold, propped", "hold, proped"))
    with pytest.raises(ValueError, match="sphinx: recognise names unknown keyframe"):
        build_pose_model(catalogue, folder)


def test_a_smaller_catalogue_uses_only_its_own_specs(catalogue):
    from backcoach.core.catalogue import Catalogue

    small = Catalogue([catalogue.get("sphinx"), catalogue.get("glute-bridge")])
    model = build_pose_model(small)
    assert sorted(model.specs) == ["glute-bridge", "sphinx"]
    assert model.knows("sphinx") and not model.knows("cat-cow")


def test_seen_turned_must_name_known_poses(tmp_path, catalogue):
    folder = _copy_specs(tmp_path)
    path = folder / "chair-spinal-twist.yaml"
    path.write_text(path.read_text().replace('"sitting on a chair"', '"sitting on a stool"'))
    with pytest.raises(
        ValueError, match=r"seen_turned names unknown pose\(s\) \['sitting on a stool'\]"
    ):
        build_pose_model(catalogue, folder)
