"""Equipment drawn beside the figure: bar, wall bars, bench, ball, strap, mat and chair.

Every prop is placed in body-height units (body height = 1, y up, floor at 0),
like the skeleton. Most of a prop is drawn behind the body; the part a hand
closes around (the bar, the held rung) and the strap are drawn in front, so the
grip reads as a grip.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from backcoach.core.catalogue import Prop
from backcoach.core.skeleton import Point

SCALE = 200.0  # pixels per body height; matches svg_figure
PROP = "#8a6d4b"
PROP_LIGHT = "#d9c7ae"
WALL = "#e4e7e9"
WALL_EDGE = "#b9c1c6"
BALL = "#f0c9a8"
BALL_EDGE = "#c98a5c"
STRAP = "#c0652b"

BAR_RADIUS = 0.018
RUNG_RADIUS = 0.014
RUNG_SPACING = 0.085  # about 15 cm on a 1.75 m person
STILE_DEPTH = 0.06
PAD_LENGTH = 0.2
PAD_THICKNESS = 0.05
ROLLER_RADIUS = 0.028
LEG_HALF_WIDTH = 0.033  # half the drawn thickness of a thigh or shin


def _xy(p: Point) -> str:
    return f"{p.x * SCALE:.1f},{-p.y * SCALE:.1f}"


def _at(p: Point, d: tuple[float, float], k: float) -> Point:
    return Point(p.x + d[0] * k, p.y + d[1] * k)


def _line(a: Point, b: Point, colour: str, width: float, cap: str = "round") -> str:
    return (
        f'<path d="M{_xy(a)} L{_xy(b)}" stroke="{colour}" stroke-width="{width * SCALE:.1f}" '
        f'stroke-linecap="{cap}" fill="none"/>'
    )


def _disc(c: Point, radius: float, fill: str, edge: str, edge_width: float = 0.012) -> str:
    return (
        f'<circle cx="{c.x * SCALE:.1f}" cy="{-c.y * SCALE:.1f}" r="{radius * SCALE:.1f}" '
        f'fill="{fill}" stroke="{edge}" stroke-width="{edge_width * SCALE:.1f}"/>'
    )


def _rect(
    x0: float, y0: float, x1: float, y1: float, fill: str, edge: str, radius: float = 0.0
) -> str:
    s = SCALE
    return (
        f'<rect x="{x0 * s:.1f}" y="{-y1 * s:.1f}" width="{(x1 - x0) * s:.1f}" '
        f'height="{(y1 - y0) * s:.1f}" rx="{radius * s:.1f}" fill="{fill}" stroke="{edge}" '
        f'stroke-width="{0.008 * s:.1f}"/>'
    )


def _group(parts: Iterable[str]) -> str:
    return f'<g class="bc-prop">{"".join(parts)}</g>'


# --- pull-up bar: the bar seen end-on at the top of a pull-up station whose upright
# stands just behind the person, with a back pad, arm rests and a low step to stand on


def _tube(a: Point, b: Point, width: float) -> str:
    return _line(a, b, PROP, width) + _line(a, b, PROP_LIGHT, width * 0.45)


def _bar_back(prop: Prop) -> str:
    bar = Point(prop.x, prop.y)
    post = prop.x - prop.size
    top = prop.y + 0.04
    return _group(
        [
            _tube(Point(post - 0.3, 0.012), Point(post + 0.3, 0.012), 0.028),
            _tube(Point(post - 0.26, 0.02), Point(post, top * 0.5), 0.03),
            _tube(Point(post, 0.02), Point(post, top), 0.036),
            _tube(Point(post, top), Point(prop.x - 0.02, top), 0.03),
            _tube(Point(prop.x - 0.02, top), bar, 0.022),
            _tube(Point(post, 0.72), Point(post + 0.16, 0.72), 0.03),
            _line(Point(post + 0.035, 0.46), Point(post + 0.035, 0.66), PROP, 0.05),
            _line(Point(post + 0.035, 0.46), Point(post + 0.035, 0.66), PROP_LIGHT, 0.036),
            _rect(post + 0.02, 0.06, post + 0.34, 0.085, PROP_LIGHT, PROP, 0.01),
            _line(Point(post + 0.3, 0.012), Point(post + 0.3, 0.06), PROP, 0.016, "butt"),
        ]
    )


def _bar_front(prop: Prop) -> str:
    return _group([_disc(Point(prop.x, prop.y), BAR_RADIUS, PROP_LIGHT, PROP, 0.01)])


# --- wall bars: a ladder of rungs fixed a hand's width off the wall; (x, y) is the held rung


def _rung_heights(prop: Prop) -> list[float]:
    lowest = prop.y - math.floor((prop.y - 0.06) / RUNG_SPACING) * RUNG_SPACING
    count = int((prop.size - 0.03 - lowest) / RUNG_SPACING) + 1
    return [lowest + i * RUNG_SPACING for i in range(max(count, 0))]


def _wall_bars_back(prop: Prop) -> str:
    x, height = prop.x, prop.size
    stile = (x - STILE_DEPTH / 2, x + STILE_DEPTH / 2)
    wall = stile[1] + 0.03
    rungs = [_disc(Point(x, h), RUNG_RADIUS, PROP, PROP, 0.004) for h in _rung_heights(prop)]
    return _group(
        [
            _rect(wall, 0.0, wall + 0.08, height + 0.12, WALL, WALL_EDGE),
            _rect(stile[0], 0.0, stile[1], height, PROP_LIGHT, PROP, 0.01),
            _line(Point(stile[1], height - 0.05), Point(wall, height - 0.05), PROP, 0.014, "butt"),
            _line(Point(stile[1], 0.08), Point(wall, 0.08), PROP, 0.014, "butt"),
            *rungs,
        ]
    )


def _wall_bars_front(prop: Prop) -> str:
    return _group([_disc(Point(prop.x, prop.y), RUNG_RADIUS, PROP, PROP, 0.004)])


# --- hyperextension bench: (x, y) is the top of the hip pad, where the thighs meet the
# pelvis; the bench runs down and back from there at `angle` degrees to the foot roller,
# `size` further along.


def _bench_axes(prop: Prop) -> tuple[tuple[float, float], tuple[float, float]]:
    """Direction down the bench (toward the feet) and the normal on the legs' side."""
    rad = math.radians(180.0 + prop.angle)
    down = (math.cos(rad), math.sin(rad))
    return down, (down[1], -down[0])


def _bench_back(prop: Prop) -> str:
    top = Point(prop.x, prop.y)
    down, up = _bench_axes(prop)
    pad_line = _at(top, up, -PAD_THICKNESS / 2)
    pad_a, pad_b = _at(pad_line, down, 0.015), _at(pad_line, down, PAD_LENGTH)
    # The main beam runs under the legs, parallel to the bench, down to the floor.
    beam_top = _at(_at(top, up, -0.1), down, 0.04)
    to_floor = beam_top.y / -down[1] if down[1] < -0.05 else prop.size + 0.1
    beam_end = _at(beam_top, down, to_floor)
    ankle = _at(top, down, prop.size)
    roller = _at(ankle, up, LEG_HALF_WIDTH + ROLLER_RADIUS)
    plate = _at(top, down, prop.size + 0.075)
    plate_a, plate_b = _at(plate, up, 0.02), _at(plate, up, -0.11)
    front_post = _at(beam_top, down, 0.16)  # under the pad, clear of the hanging torso
    front_foot = Point(front_post.x, 0.0)
    return _group(
        [
            _line(
                Point(min(beam_end.x, front_foot.x) - 0.04, 0.012),
                Point(front_foot.x + 0.2, 0.012),
                PROP,
                0.024,
            ),
            _line(front_post, front_foot, PROP, 0.03, "butt"),
            _line(beam_top, beam_end, PROP, 0.03),
            _line(_at(top, down, 0.1), _at(_at(top, up, -0.1), down, 0.1), PROP, 0.022),
            _line(roller, _at(ankle, up, -0.1), PROP, 0.016),
            _line(plate_a, plate_b, PROP, 0.02),
            _line(
                _at(plate, up, -0.1), _at(_at(top, up, -0.1), down, prop.size + 0.075), PROP, 0.016
            ),
            _line(pad_a, pad_b, PROP, PAD_THICKNESS + 0.012),
            _line(pad_a, pad_b, PROP_LIGHT, PAD_THICKNESS - 0.004),
            _disc(roller, ROLLER_RADIUS, PROP_LIGHT, PROP, 0.008),
        ]
    )


# --- exercise ball: (x, y) is its centre, size its diameter


def _ball_back(prop: Prop) -> str:
    r = prop.size / 2
    c = Point(prop.x, prop.y)
    s = SCALE
    seam = (
        f'<path d="M{(c.x - r * 0.97) * s:.1f},{-c.y * s:.1f} '
        f'Q{c.x * s:.1f},{-(c.y - r * 0.55) * s:.1f} {(c.x + r * 0.97) * s:.1f},{-c.y * s:.1f}" '
        f'stroke="{BALL_EDGE}" stroke-width="{0.006 * s:.1f}" fill="none" opacity="0.6"/>'
    )
    shine = (
        f'<path d="M{(c.x + r * 0.35) * s:.1f},{-(c.y + r * 0.8) * s:.1f} '
        f'A{r * 0.88 * s:.1f},{r * 0.88 * s:.1f} 0 0 1 {(c.x + r * 0.82) * s:.1f},{-(c.y + r * 0.3) * s:.1f}" '
        f'stroke="#ffffff" stroke-width="{0.014 * s:.1f}" stroke-linecap="round" fill="none" opacity="0.7"/>'
    )
    return _group([_disc(c, r, BALL, BALL_EDGE, 0.01), seam, shine])


# --- mat: (x) is its left end on the floor, size its length


def _mat_back(prop: Prop) -> str:
    return _group(
        [_rect(prop.x, prop.y - 0.01, prop.x + prop.size, prop.y + 0.012, PROP_LIGHT, PROP, 0.008)]
    )


# --- chair: (x, y) is the front edge of the seat, size its depth; the backrest rises
# from the back edge, behind the person sitting


CHAIR_SEAT = 0.025
CHAIR_BACK = 0.27


def _chair_back(prop: Prop) -> str:
    front, back = prop.x, prop.x - prop.size
    seat = prop.y - CHAIR_SEAT
    return _group(
        [
            _line(Point(back + 0.015, 0.0), Point(back + 0.015, prop.y + CHAIR_BACK), PROP, 0.022),
            _line(Point(front - 0.015, 0.0), Point(front - 0.015, seat), PROP, 0.022),
            _rect(back, seat, front, prop.y, PROP_LIGHT, PROP, 0.008),
        ]
    )


# --- towel or strap: from the hand, over the toes, wrapped round the sole


def _strap_front(prop: Prop, joints: Mapping[str, Point]) -> str:
    hand_name, foot_name = prop.between or ("near_hand", "near_toe")
    hand = joints[hand_name]
    side = foot_name.split("_")[0]
    ankle, toe = joints.get(f"{side}_ankle"), joints.get(f"{side}_toe")
    if ankle is None or toe is None or not foot_name.endswith(("toe", "ankle")):
        return _group([_line(hand, joints[foot_name], STRAP, 0.02)])
    length = max(math.dist((ankle.x, ankle.y), (toe.x, toe.y)), 1e-9)
    along = ((toe.x - ankle.x) / length, (toe.y - ankle.y) / length)
    sole = (along[1], -along[0])  # the sole faces away from the shin
    tip = _at(toe, along, 0.03)
    wrap = _at(_at(ankle, along, length * 0.5), sole, LEG_HALF_WIDTH + 0.01)
    path = f"M{_xy(hand)} L{_xy(tip)} Q{_xy(_at(tip, sole, 0.035))} {_xy(wrap)}"
    return (
        f'<path class="bc-prop" d="{path}" stroke="{STRAP}" stroke-width="{0.022 * SCALE:.1f}" '
        'stroke-linecap="round" stroke-linejoin="round" fill="none"/>'
    )


def props_behind(props: Iterable[Prop]) -> str:
    """The parts of the equipment the body lies on or in front of."""
    drawers = {
        "bar": _bar_back,
        "wall-bars": _wall_bars_back,
        "bench": _bench_back,
        "ball": _ball_back,
        "mat": _mat_back,
        "chair": _chair_back,
    }
    return "".join(drawers[p.kind](p) for p in props if p.kind in drawers)


def props_in_front(props: Iterable[Prop], joints: Mapping[str, Point]) -> str:
    """The parts a hand closes around, and straps, drawn over the body."""
    parts: list[str] = []
    for prop in props:
        if prop.kind == "bar":
            parts.append(_bar_front(prop))
        elif prop.kind == "wall-bars":
            parts.append(_wall_bars_front(prop))
        elif prop.kind == "strap":
            parts.append(_strap_front(prop, joints))
    return "".join(parts)


def prop_extent(prop: Prop) -> tuple[float, float, float, float]:
    """Left, right, bottom and top of the drawn prop, for the picture's frame (not straps)."""
    if prop.kind == "bar":
        return (
            prop.x - prop.size - 0.32,
            max(prop.x, prop.x - prop.size + 0.34) + 0.05,
            0.0,
            prop.y + 0.08,
        )
    if prop.kind == "wall-bars":
        return prop.x - 0.05, prop.x + 0.15, 0.0, prop.size + 0.12
    if prop.kind == "bench":
        down, up = _bench_axes(prop)
        corners = [
            _at(Point(prop.x, prop.y), up, 0.08),
            _at(Point(prop.x, prop.y), up, -0.12),
            _at(_at(Point(prop.x, prop.y), down, prop.size + 0.1), up, 0.1),
            _at(_at(Point(prop.x, prop.y), down, prop.size + 0.1), up, -0.14),
        ]
        xs, ys = [c.x for c in corners], [c.y for c in corners]
        return min(xs), max(xs), 0.0, max(ys)
    if prop.kind == "mat":
        return prop.x, prop.x + prop.size, 0.0, 0.02
    if prop.kind == "chair":
        return prop.x - prop.size - 0.01, prop.x + 0.01, 0.0, prop.y + CHAIR_BACK
    half = prop.size / 2
    return prop.x - half, prop.x + half, prop.y - half, prop.y + half
