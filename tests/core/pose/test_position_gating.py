"""The hold counts while the body is in the position; a range not reached is only advice."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.core.pose.coach import PRAISE, Coach, CueScheduler
from backcoach.core.pose.spec import COMFORT_WORDS
from backcoach.core.pose.synth import View, frame_from_angles

FPS = 10.0
SECONDS = 20


def _run(pose_model, exercise_id, pose):
    count = int(SECONDS * FPS)
    frames = np.stack([frame_from_angles(pose, View(yaw=10))] * count)
    return Coach(pose_model, exercise_id).update_many(frames, np.arange(count) / FPS)


def _hold(catalogue, exercise_id):
    return dict(catalogue.get(exercise_id).figure.keyframes[-1].angles)


def _stiff_childs_pose(pose_model):
    spec = pose_model.specs["childs-pose"]
    return next(k.angles for k in spec.extra_keyframes if "hips above the heels" in k.name)


def test_a_stiff_child_pose_counts_the_hold_and_advises_only_as_far_as_comfortable(pose_model):
    verdicts = _run(pose_model, "childs-pose", _stiff_childs_pose(pose_model))
    heels = next(c for c in verdicts[-1].checks if c.id == "hips-to-heels")
    assert not heels.ok and heels.advice  # the hips stay well above the heels
    assert verdicts[-1].hold_seconds == pytest.approx(SECONDS - 1 / FPS, abs=0.05)
    assert all(v.holding for v in verdicts)
    said = [v.cue for v in verdicts if v.cue]
    # Said once in a 20-second hold, not nagged, and not praised for going deeper.
    assert said == [heels.cue]
    assert said[0].startswith("Let your hips sink toward your heels")
    assert COMFORT_WORDS in said[0]


@pytest.mark.parametrize("pose", ["on all fours", "standing"])
def test_out_of_the_position_the_hold_waits_and_no_range_advice_is_given(
    pose_model, catalogue, standing, pose
):
    angles = (
        catalogue.get("childs-pose").figure.keyframes[0].angles if pose != "standing" else standing
    )
    verdicts = _run(pose_model, "childs-pose", angles)
    assert verdicts[-1].hold_seconds == 0.0
    said = {v.cue for v in verdicts if v.cue}
    assert said == {pose_model.position_cue("childs-pose")}


def test_a_knee_short_of_the_chest_is_advice_but_a_lifted_head_stops_the_hold(
    pose_model, catalogue
):
    hold = _hold(catalogue, "knee-to-chest")
    short = _run(pose_model, "knee-to-chest", {**hold, "near_thigh": 60})
    assert short[-1].hold_seconds > SECONDS - 0.5
    assert [v.cue for v in short if v.cue] == [
        "Draw your knee in toward your chest, only as far as is comfortable."
    ]
    lifted = _run(pose_model, "knee-to-chest", {**hold, "neck": 120})
    assert lifted[-1].exercise == "knee-to-chest"
    assert lifted[-1].hold_seconds < 1.5  # only the grace before the fault counts
    assert "Rest your head on the floor." in [v.cue for v in lifted]


def test_a_stiff_downward_dog_holds_with_the_chest_short_of_the_thighs(pose_model, catalogue):
    dog = _hold(catalogue, "downward-dog")
    verdicts = _run(pose_model, "downward-dog", {**dog, "lower_back": -10, "upper_back": -10})
    chest = next(c for c in verdicts[-1].checks if c.id == "chest-toward-thighs")
    assert not chest.ok and chest.advice
    assert verdicts[-1].hold_seconds > SECONDS - 0.5


def test_verdicts_say_which_checks_are_advice(pose_model):
    verdict = _run(pose_model, "childs-pose", _stiff_childs_pose(pose_model))[-1].as_dict()
    assert {c["id"]: c["advice"] for c in verdict["checks"]}["hips-to-heels"] is True


def test_advice_waits_for_the_faults_is_said_once_and_earns_no_praise():
    cues = CueScheduler(gap=4.0, repeat=10.0, settle=0.5, advice_settle=3.0)
    fault = [("head-down", "Rest your head.")]
    advice = [("knee-drawn-in", "Knee in, only as far as is comfortable.")]
    spoken = {}
    for step in range(400):
        t = step * 0.1
        head_fixed, knee_in = step >= 60, step >= 200
        said = cues.update(
            t,
            [] if head_fixed else fault,
            ["head-down"] if head_fixed else [],
            [] if knee_in else advice,
        )
        if said:
            spoken[round(t, 1)] = said
    assert spoken == {
        0.5: "Rest your head.",
        6.0: PRAISE,
        10.0: "Knee in, only as far as is comfortable.",
    }
