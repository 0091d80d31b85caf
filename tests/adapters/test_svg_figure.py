"""Every exercise can be drawn, and the drawing behaves like the exercise."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from backcoach.adapters.svg_figure import frames_for, render_svg
from backcoach.core.catalogue import Catalogue
from backcoach.core.options import DosageMode, Equipment
from backcoach.core.skeleton import HEAD_RADIUS

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_every_exercise_renders_a_labelled_svg(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        root = parse(render_svg(exercise))
        assert root.tag == f"{SVG}svg"
        assert exercise.name in root.attrib["aria-label"]
        assert root.find(f"{SVG}title") is not None
        assert root.find(f".//{SVG}circle[@class='bc-head']") is not None


def test_flows_and_reps_animate_and_holds_stand_still(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        animated = parse(render_svg(exercise)).find(f".//{SVG}animate") is not None
        moving = exercise.dosage.mode in (DosageMode.FLOW, DosageMode.REPS)
        assert animated == moving, exercise.id


def test_still_option_draws_one_frame(catalogue: Catalogue) -> None:
    cat_cow = (
        catalogue.get("knee-to-chest") if "cat-cow" not in catalogue else catalogue.get("cat-cow")
    )
    assert parse(render_svg(cat_cow, animate=False)).find(f".//{SVG}animate") is None


def test_no_body_part_sinks_through_the_floor(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        for frame in frames_for(exercise.figure, animated=True):
            lowest = min(p.y for p in frame.joints.values())
            assert lowest >= -0.02, exercise.id
            assert frame.joints["head"].y - HEAD_RADIUS >= -0.02, exercise.id


def test_equipment_is_drawn_where_it_is_used(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        drawn = exercise.needs - {Equipment.STRAP} or None
        if drawn:
            svg = render_svg(exercise)
            assert 'class="bc-prop"' in svg, exercise.id


@pytest.mark.parametrize("exercise_id", ["standing-forward-fold", "standing-hip-hinge"])
def test_standing_figures_stand_on_their_feet(catalogue: Catalogue, exercise_id: str) -> None:
    if exercise_id not in catalogue:
        pytest.skip("exercise not written yet")
    frame = frames_for(catalogue.get(exercise_id).figure, animated=False)[0]
    feet = min(frame.joints["near_ankle"].y, frame.joints["far_ankle"].y)
    assert feet < 0.05
    assert frame.joints["hip"].y > 0.35
