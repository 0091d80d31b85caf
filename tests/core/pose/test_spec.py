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
        Rule(id="hips-lifted", cue=CUE, **fields)


def test_duplicate_rule_ids_are_refused():
    rule = {"id": "hips-lifted", "measure": "hip_line", "min": -0.1, "cue": CUE}
    with pytest.raises(ValidationError, match="duplicate rule id"):
        CameraSpec(exercise="glute-bridge", rules=[rule, rule])


def test_reps_need_a_gap_between_thresholds():
    rule = {"id": "hips-lifted", "measure": "hip_line", "min": -0.1, "cue": CUE}
    with pytest.raises(ValidationError, match="must differ"):
        CameraSpec(
            exercise="glute-bridge",
            rules=[rule],
            reps={"measure": "hip_line", "low": 0.1, "high": 0.1},
        )
