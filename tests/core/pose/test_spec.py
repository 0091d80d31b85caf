"""The camera spec schema refuses rules that cannot be judged."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backcoach.core.pose.spec import CameraSpec, Rule

CUE = "Lift your hips."


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"measure": "hip_tilt", "min": 0}, "unknown measure 'hip_tilt'"),
        ({"measure": "hip_line", "min": 1, "max": 0}, "min 1.0 is above max 0.0"),
        ({"measure": "trunk", "around": 90}, "around and within go together"),
        ({"measure": "hip_line"}, "either min/max or around"),
        ({"measure": "hip_line", "around": 0, "within": 10}, "direction angles only"),
    ],
)
def test_bad_rules_are_refused_with_a_reason(fields, message):
    with pytest.raises(ValidationError, match=message):
        Rule(id="hips-lifted", kind="position", cue=CUE, **fields)


def test_every_rule_says_whether_it_is_the_position_or_a_range():
    with pytest.raises(ValidationError, match="kind"):
        Rule(id="hips-lifted", measure="hip_line", min=-0.1, cue=CUE)
    with pytest.raises(ValidationError, match="'position' or 'range'"):
        Rule(id="hips-lifted", kind="depth", measure="hip_line", min=-0.1, cue=CUE)


def test_a_range_cue_must_say_only_as_far_as_is_comfortable():
    with pytest.raises(ValidationError, match="must say 'only as far as is comfortable'"):
        Rule(id="hips-to-heels", kind="range", measure="hips_to_heels", max=0.8, cue="Sit back.")
    rule = Rule(
        id="hips-to-heels",
        kind="range",
        measure="hips_to_heels",
        max=0.8,
        cue="Let your hips sink toward your heels, only as far as is comfortable.",
    )
    assert not rule.gates


def test_the_shipped_range_targets_are_advice(pose_model):
    ranges = {
        (exercise, rule.id)
        for exercise, spec in pose_model.specs.items()
        for rule in spec.rules
        if not rule.gates
    }
    # The depths issue 12 names: hips to heels, chest to thighs, knees to chest.
    assert {
        ("childs-pose", "hips-to-heels"),
        ("downward-dog", "chest-toward-thighs"),
        ("knee-to-chest", "knee-drawn-in"),
        ("double-knee-to-chest", "knees-drawn-in"),
    } <= ranges


def test_duplicate_rule_ids_are_refused():
    rule = {"id": "hips-lifted", "kind": "position", "measure": "hip_line", "min": -0.1, "cue": CUE}
    with pytest.raises(ValidationError, match="duplicate rule id"):
        CameraSpec(exercise="glute-bridge", rules=[rule, rule])


def test_reps_need_a_gap_between_thresholds():
    rule = {"id": "hips-lifted", "kind": "position", "measure": "hip_line", "min": -0.1, "cue": CUE}
    with pytest.raises(ValidationError, match="must differ"):
        CameraSpec(
            exercise="glute-bridge",
            rules=[rule],
            reps={"measure": "hip_line", "low": 0.1, "high": 0.1},
        )
