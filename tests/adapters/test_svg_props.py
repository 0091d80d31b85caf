"""Equipment is drawn where the body meets it, and bad prop data is refused."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from backcoach.adapters import svg_figure, svg_props
from backcoach.adapters.svg_figure import frames_for, render_svg
from backcoach.core.catalogue import Catalogue, Exercise, Prop
from backcoach.core.skeleton import Point

TORSO_HALF = svg_figure.TORSO_WIDTH / 2
LIMB_HALF = svg_figure.LIMB_WIDTH / 2


def held_frame(exercise: Exercise) -> dict[str, Point]:
    return frames_for(exercise.figure, animated=False)[0].joints


def only_prop(exercise: Exercise, kind: str) -> Prop:
    (prop,) = [p for p in exercise.figure.props if p.kind == kind]
    return prop


def need(catalogue: Catalogue, exercise_id: str) -> Exercise:
    if exercise_id not in catalogue:
        pytest.skip(f"{exercise_id} not written yet")
    return catalogue.get(exercise_id)


def test_props_share_the_figures_scale() -> None:
    assert svg_props.SCALE == svg_figure.SCALE


def test_hands_grip_the_pull_up_bar_and_feet_hang_clear(catalogue: Catalogue) -> None:
    exercise = need(catalogue, "bar-hang")
    joints, bar = held_frame(exercise), only_prop(exercise, "bar")
    hand = joints["near_hand"]
    assert math.dist((hand.x, hand.y), (bar.x, bar.y)) < 0.03
    assert min(joints["near_toe"].y, joints["far_toe"].y, joints["near_ankle"].y) > 0.05


def test_hands_hold_a_drawn_rung_of_the_wall_bars(catalogue: Catalogue) -> None:
    exercise = need(catalogue, "wall-bar-stretch")
    joints, bars = held_frame(exercise), only_prop(exercise, "wall-bars")
    hand = joints["near_hand"]
    assert math.dist((hand.x, hand.y), (bars.x, bars.y)) < 0.03
    assert any(abs(h - bars.y) < 1e-9 for h in svg_props._rung_heights(bars))
    # the feet stand on the floor: their centre line sits half a (thick) leg above it
    assert min(joints["near_ankle"].y, joints["far_ankle"].y) < 0.03 + svg_figure.LIMB_WIDTH


def test_the_back_rests_on_the_ball(catalogue: Catalogue) -> None:
    exercise = need(catalogue, "fitball-back-stretch")
    joints, ball = held_frame(exercise), only_prop(exercise, "ball")
    assert ball.y == pytest.approx(ball.size / 2, abs=0.01), "the ball sits on the floor"
    for joint in ("mid_back", "shoulder"):
        gap = math.dist((joints[joint].x, joints[joint].y), (ball.x, ball.y))
        assert gap == pytest.approx(ball.size / 2 + TORSO_HALF, abs=0.03), joint


def test_the_thighs_lie_on_the_bench_pad(catalogue: Catalogue) -> None:
    exercise = need(catalogue, "hyperextension-bench-hang")
    joints, bench = held_frame(exercise), only_prop(exercise, "bench")
    down, up = svg_props._bench_axes(bench)
    hip, knee = joints["hip"], joints["near_knee"]
    for joint in (hip, knee):
        # distance of the thigh's centre line above the pad's surface
        height = (joint.x - bench.x) * up[0] + (joint.y - bench.y) * up[1]
        assert height == pytest.approx(LIMB_HALF * 1.2, abs=0.015)
    ankle = joints["near_ankle"]
    along = (ankle.x - bench.x) * down[0] + (ankle.y - bench.y) * down[1]
    assert along == pytest.approx(bench.size, abs=0.05), "the roller sits at the ankles"


def test_held_grips_are_drawn_in_front_of_the_body(catalogue: Catalogue) -> None:
    exercise = need(catalogue, "bar-hang")
    svg = render_svg(exercise)
    assert svg.index('class="bc-near-arm"') < svg.rindex('class="bc-prop"')


def test_the_strap_runs_from_the_hand_round_the_sole(catalogue: Catalogue) -> None:
    exercise = need(catalogue, "seated-forward-fold")
    joints = held_frame(exercise)
    drawn = svg_props.props_in_front(exercise.figure.props, joints)
    hand = joints["near_hand"]
    assert f"M{hand.x * 200:.1f},{-hand.y * 200:.1f}" in drawn
    # the strap ends on the sole side of the foot, beyond the toes seen from the body
    end = drawn.split('d="')[1].split('"')[0].split()[-1]
    end_x = float(end.split(",")[0]) / 200
    assert end_x > joints["near_ankle"].x + LIMB_HALF


def test_a_strap_between_unknown_joints_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown joint"):
        Prop(kind="strap", x=0, y=0, between=("near_hand", "near_foot_tip"))


def test_a_bench_steeper_than_upright_is_refused() -> None:
    with pytest.raises(ValidationError):
        Prop(kind="bench", x=0, y=0.6, angle=120)


@pytest.mark.parametrize("kind", ["bar", "wall-bars", "bench", "ball", "mat"])
def test_every_prop_fits_inside_its_picture(kind: str) -> None:
    prop = Prop.model_validate({"kind": kind, "x": 0.3, "y": 0.6, "size": 0.4, "angle": 45})
    left, right, bottom, top = svg_props.prop_extent(prop)
    assert left < right and bottom < top
    assert bottom >= -0.02
    assert 'class="bc-prop"' in svg_props.props_behind([prop])
