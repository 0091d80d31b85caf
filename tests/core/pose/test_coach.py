"""Hold timer, repetition counter and cues on synthetic landmark sequences."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.core.pose.coach import PRAISE, Coach, CueScheduler, HoldTimer, RepCounter
from backcoach.core.pose.model import NOT_VISIBLE_CUE
from backcoach.core.pose.spec import RepSwing
from backcoach.core.pose.synth import View, frame_from_angles
from backcoach.core.skeleton import interpolate_angles

FPS = 10.0
SLIGHTLY_TURNED = View(yaw=10)


def _angles(catalogue, exercise_id, index=-1):
    return catalogue.get(exercise_id).figure.keyframes[index].angles


def _frames(poses, view=SLIGHTLY_TURNED):
    return np.stack([frame_from_angles(p, view) for p in poses]), np.arange(len(poses)) / FPS


def test_a_hold_that_flickers_keeps_counting(pose_model, catalogue, standing):
    hold = _angles(catalogue, "sphinx")
    poses = [hold] * 100
    for start in (20, 50, 80):  # three 0.2 s glitches, e.g. the model losing the pose
        poses[start : start + 2] = [standing] * 2
    frames, times = _frames(poses)
    verdicts = Coach(pose_model, "sphinx").update_many(frames, times)
    assert verdicts[-1].hold_seconds == pytest.approx(9.9, abs=0.05)
    assert all(v.holding for v in verdicts)


def test_leaving_the_position_pauses_the_hold(pose_model, catalogue, standing):
    hold = _angles(catalogue, "sphinx")
    poses = [hold] * 40 + [standing] * 30 + [hold] * 30
    frames, times = _frames(poses)
    verdicts = Coach(pose_model, "sphinx", grace_seconds=1.0).update_many(frames, times)
    assert verdicts[-1].hold_seconds == pytest.approx(6.8, abs=0.15)
    assert not verdicts[60].holding
    assert verdicts[60].exercise is None


def _bridge_reps(catalogue, height: float, count: int = 3):
    down, up = (_angles(catalogue, "glute-bridge", i) for i in (0, -1))
    cycle = [interpolate_angles(down, up, height * f) for f in np.linspace(0, 1, 10)]
    cycle += [interpolate_angles(down, up, height)] * 10 + cycle[::-1] + [down] * 5
    return [down] * 5 + cycle * count


def test_full_bridges_are_counted(pose_model, catalogue):
    frames, times = _frames(_bridge_reps(catalogue, 1.0))
    verdicts = Coach(pose_model, "glute-bridge").update_many(frames, times)
    assert verdicts[-1].reps == 3
    assert verdicts[-1].hold_seconds > 2.0  # time at the top, where the form is right


def test_a_rep_too_shallow_is_not_counted(pose_model, catalogue):
    frames, times = _frames(_bridge_reps(catalogue, 0.35))
    verdicts = Coach(pose_model, "glute-bridge").update_many(frames, times)
    assert verdicts[-1].reps == 0
    cues = [v.cue for v in verdicts if v.cue]
    assert cues and cues[0] == pose_model.specs["glute-bridge"].rules[0].cue


def test_cat_cow_cycles_are_counted(pose_model, catalogue):
    cow, cat = (_angles(catalogue, "cat-cow", i) for i in (0, 1))
    swing = [interpolate_angles(cow, cat, f) for f in np.linspace(0, 1, 15)]
    frames, times = _frames((swing + swing[::-1]) * 4)
    assert Coach(pose_model, "cat-cow").update_many(frames, times)[-1].reps == 4


def test_a_body_out_of_view_says_so_and_stops_the_timer(pose_model, catalogue):
    frames, times = _frames([_angles(catalogue, "childs-pose")] * 60)
    frames[20:, 23:, 3] = 0.1  # hips and legs drop out of view after 2 s
    verdicts = Coach(pose_model, "childs-pose").update_many(frames, times)
    assert not verdicts[-1].visible
    assert verdicts[-1].hold_seconds == pytest.approx(1.9, abs=0.05)
    assert NOT_VISIBLE_CUE in [v.cue for v in verdicts]


def test_auto_mode_names_the_exercise(pose_model, catalogue):
    frames, times = _frames([_angles(catalogue, "downward-dog")] * 10, View(mirrored=True))
    verdicts = Coach(pose_model).update_many(frames, times)
    assert {v.exercise for v in verdicts} == {"downward-dog"}
    assert verdicts[-1].as_dict()["hold_seconds"] == pytest.approx(0.9)


def test_unknown_target_is_refused(pose_model):
    with pytest.raises(KeyError, match="no-such-stretch"):
        Coach(pose_model, "no-such-stretch")


def test_hold_timer_discards_doubtful_time_after_a_long_drop():
    timer = HoldTimer(grace=1.0)
    for step in range(50):
        timer.update(step * 0.1, right=step < 20 or step >= 40)
    # 0-1.9 s counted; 2-3.9 s wrong for longer than the grace, so dropped; the
    # step into the frame at 4.0 s and 4.0-4.9 s counted again.
    assert timer.seconds == pytest.approx(1.9 + 0.1 + 0.9, abs=1e-9)


def test_rep_counter_needs_both_thresholds_and_ignores_gaps():
    counter = RepCounter(RepSwing(measure="hip_line", low=-0.25, high=-0.1))
    for value in [-0.3, -0.05, -0.12, -0.05, float("nan"), -0.3, -0.2, 0.0]:
        counter.update(value)
    assert counter.count == 2


def test_cues_are_spaced_not_repeated_and_praise_follows_a_fix():
    cues = CueScheduler(gap=4.0, repeat=10.0, settle=0.5)
    fault = [("hips-lifted", "Lift your hips.")]
    spoken = {}
    for step in range(100):
        t = step * 0.1
        fixed = step >= 70
        said = cues.update(t, [] if fixed else fault, ["hips-lifted"] if fixed else [])
        if said:
            spoken[round(t, 1)] = said
    assert spoken == {0.5: "Lift your hips.", 7.0: PRAISE}


def test_stepping_a_shared_judgement_equals_update_many(pose_model, catalogue):
    """A server may judge many sessions' frames in one call and step each coach."""
    frames, times = _frames(_bridge_reps(catalogue, 1.0, count=2))
    expected = Coach(pose_model, "glute-bridge").update_many(frames, times)
    judged = pose_model.judge(frames, 1.0, "glute-bridge")
    coach = Coach(pose_model, "glute-bridge")
    stepped = [coach.step(judged, i, float(t)) for i, t in enumerate(times)]
    assert stepped == expected
    assert stepped[-1].reps == 2


def test_bird_dog_counts_each_side(pose_model, catalogue):
    fours, reach = (_angles(catalogue, "bird-dog", i) for i in (0, -1))
    other_side = dict(reach)
    for part in ("upper_arm", "forearm", "thigh", "shin"):  # the other arm and leg reach
        other_side[f"near_{part}"], other_side[f"far_{part}"] = (
            reach[f"far_{part}"],
            reach[f"near_{part}"],
        )
    poses = []
    for side in (reach, other_side, reach):
        lift = [interpolate_angles(fours, side, f) for f in np.linspace(0, 1, 8)]
        poses += [fours] * 5 + lift + [side] * 10 + lift[::-1]
    frames, times = _frames(poses)
    assert Coach(pose_model, "bird-dog").update_many(frames, times)[-1].reps == 3


def test_standing_in_front_of_the_camera_asks_for_the_position(pose_model, catalogue, standing):
    frames, times = _frames([standing] * 30)
    verdicts = Coach(pose_model, "sphinx").update_many(frames, times)
    assert verdicts[-1].hold_seconds == 0.0
    (cue,) = [v.cue for v in verdicts if v.cue]  # said once, not repeated within 3 s
    assert cue.startswith("Move into position for the ")
    assert catalogue.get("sphinx").name.lower() in cue.lower()


def test_a_body_in_view_not_recognised_falls_back_to_the_timer(pose_model, catalogue, standing):
    # Clearly in view the whole time, never judged in the planned position.
    frames, times = _frames([standing] * 60)
    verdicts = Coach(pose_model, "sphinx").update_many(frames, times)
    assert all(v.visible for v in verdicts) and not any(v.holding for v in verdicts[12:])
    # 1 s of grace, then 4 s in which the coach may still be right that this is not it.
    assert not any(v.stuck for v in verdicts[:50])
    assert all(v.stuck for v in verdicts[52:])
    assert verdicts[-1].as_dict()["stuck"] is True


def test_a_body_out_of_view_falls_back_to_the_timer(pose_model, catalogue):
    frames, times = _frames([_angles(catalogue, "childs-pose")] * 80)
    frames[20:, :, 3] = 0.0  # nobody in view after 2 s
    verdicts = Coach(pose_model, "childs-pose").update_many(frames, times)
    assert not verdicts[25].stuck and verdicts[-1].stuck


def test_a_recognised_hold_is_never_stuck_and_a_return_clears_it(pose_model, catalogue, standing):
    hold = _angles(catalogue, "sphinx")
    frames, times = _frames([hold] * 30 + [standing] * 60 + [hold] * 20)
    verdicts = Coach(pose_model, "sphinx").update_many(frames, times)
    assert not any(v.stuck for v in verdicts[:30])
    assert verdicts[89].stuck  # 6 s away from the position
    assert not any(v.stuck for v in verdicts[95:])  # back in position: judged again


def test_open_recognition_is_never_stuck(pose_model, standing):
    frames, times = _frames([standing] * 60)
    assert not any(v.stuck for v in Coach(pose_model).update_many(frames, times))
