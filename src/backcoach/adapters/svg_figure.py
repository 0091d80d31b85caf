"""Draw an exercise figure as SVG from its keyframes.

Holds are drawn still, in their held keyframe; flows and repetitions loop
through their keyframes with SMIL animation, which needs no script and works
inside an <img> tag, in print and offline.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from backcoach.adapters.svg_props import prop_extent, props_behind, props_in_front
from backcoach.core.catalogue import Exercise, Figure, Keyframe, Prop
from backcoach.core.options import DosageMode
from backcoach.core.skeleton import (
    HEAD_RADIUS,
    Point,
    interpolate_angles,
    joint_positions,
    lowest_point,
    translate,
)

BODY = "#1f5f7a"
BODY_FAR = "#7fa9bb"
FLOOR = "#9aa5ab"
LIMB_WIDTH = 0.055
TORSO_WIDTH = 0.11
SCALE = 200.0  # pixels per body height
STEPS_BETWEEN_KEYFRAMES = 8

NEAR_LIMBS = (
    ("shoulder", "near_elbow", "near_hand"),
    ("hip", "near_knee", "near_ankle", "near_toe"),
)
FAR_LIMBS = (
    ("shoulder", "far_elbow", "far_hand"),
    ("hip", "far_knee", "far_ankle", "far_toe"),
)


@dataclass(frozen=True)
class Frame:
    joints: dict[str, Point]


def place(keyframe: Keyframe | Mapping[str, float], anchor: Keyframe | None = None) -> Frame:
    """Joint positions resting on the floor, or pinned where the keyframe says."""
    angles = keyframe.angles if isinstance(keyframe, Keyframe) else keyframe
    joints = joint_positions(angles)
    pin = anchor if anchor is not None else keyframe if isinstance(keyframe, Keyframe) else None
    if pin is not None and pin.anchor is not None and pin.anchor_at is not None:
        at = joints[pin.anchor]
        return Frame(translate(joints, pin.anchor_at[0] - at.x, pin.anchor_at[1] - at.y))
    return Frame(translate(joints, 0.0, -_lowest_edge(joints)))


TORSO_JOINTS = frozenset({"hip", "mid_back", "shoulder"})
LEG_JOINTS = frozenset(name for chain in (NEAR_LIMBS[1], FAR_LIMBS[1]) for name in chain[1:])


def _lowest_edge(joints: Mapping[str, Point]) -> float:
    """The lowest y of the drawn outline: limbs are thick, so their centre lines sit above it."""

    def half_width(name: str) -> float:
        if name in TORSO_JOINTS:
            return TORSO_WIDTH / 2
        return LIMB_WIDTH * (0.6 if name in LEG_JOINTS else 0.5)

    edge = min(p.y - half_width(name) for name, p in joints.items() if name != "head")
    return min(edge, lowest_point(joints))


def frames_for(figure: Figure, animated: bool) -> list[Frame]:
    keyframes = figure.keyframes
    if not animated or len(keyframes) == 1:
        return [place(keyframes[-1])]
    frames: list[Frame] = []
    loop = [*keyframes, keyframes[0]]
    for start, end in itertools.pairwise(loop):
        for step in range(STEPS_BETWEEN_KEYFRAMES):
            fraction = step / STEPS_BETWEEN_KEYFRAMES
            # ease in and out so the figure pauses briefly at each keyframe
            eased = 0.5 - 0.5 * math.cos(fraction * math.pi)
            angles = interpolate_angles(start.angles, end.angles, eased)
            frames.append(place(angles, anchor=start if start.anchor else None))
    return frames


def _xy(p: Point) -> str:
    return f"{p.x * SCALE:.1f},{-p.y * SCALE:.1f}"


def _polyline(joints: Mapping[str, Point], chain: tuple[str, ...]) -> str:
    return "M" + " L".join(_xy(joints[name]) for name in chain)


def _torso(joints: Mapping[str, Point]) -> str:
    # A quadratic curve through the mid-back shows a rounded or arched spine.
    hip, mid, shoulder = joints["hip"], joints["mid_back"], joints["shoulder"]
    control = Point(2 * mid.x - (hip.x + shoulder.x) / 2, 2 * mid.y - (hip.y + shoulder.y) / 2)
    return f"M{_xy(hip)} Q{_xy(control)} {_xy(shoulder)}"


def _head(joints: Mapping[str, Point]) -> tuple[Point, Point]:
    """Head centre, and a point on the face side so the figure shows where it looks."""
    shoulder, head = joints["shoulder"], joints["head"]
    dx, dy = head.x - shoulder.x, head.y - shoulder.y
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    # The face is on the front of the body: the neck direction turned a quarter clockwise.
    fx, fy = dy / length, -dx / length
    nose = Point(head.x + fx * HEAD_RADIUS * 0.95, head.y + fy * HEAD_RADIUS * 0.95)
    return head, nose


def _shapes(frame: Frame) -> dict[str, str]:
    j = frame.joints
    head, nose = _head(j)
    return {
        "far_arm": _polyline(j, FAR_LIMBS[0]),
        "far_leg": _polyline(j, FAR_LIMBS[1]),
        "torso": _torso(j),
        "neck": f"M{_xy(j['shoulder'])} L{_xy(head)}",
        "near_leg": _polyline(j, NEAR_LIMBS[1]),
        "near_arm": _polyline(j, NEAR_LIMBS[0]),
        "head": _xy(head),
        "nose": _xy(nose),
    }


def _animated_attr(name: str, values: list[str], seconds: float) -> str:
    if len(set(values)) == 1:
        return ""
    joined = ";".join(values)
    return (
        f'<animate attributeName="{name}" values="{joined}" dur="{seconds:.2f}s" '
        'repeatCount="indefinite" calcMode="linear"/>'
    )


def _path(shapes: list[dict[str, str]], key: str, colour: str, width: float, seconds: float) -> str:
    values = [s[key] for s in shapes]
    return (
        f'<path class="bc-{key.replace("_", "-")}" d="{values[0]}" fill="none" stroke="{colour}" '
        f'stroke-width="{width * SCALE:.1f}" stroke-linecap="round" stroke-linejoin="round">'
        f"{_animated_attr('d', values, seconds)}</path>"
    )


def _circle(
    shapes: list[dict[str, str]], key: str, radius: float, colour: str, seconds: float
) -> str:
    xs = [s[key].split(",")[0] for s in shapes]
    ys = [s[key].split(",")[1] for s in shapes]
    return (
        f'<circle class="bc-{key}" cx="{xs[0]}" cy="{ys[0]}" r="{radius * SCALE:.1f}" fill="{colour}">'
        f"{_animated_attr('cx', xs, seconds)}{_animated_attr('cy', ys, seconds)}</circle>"
    )


def _bounds(frames: list[Frame], props: list[Prop]) -> tuple[float, float, float, float]:
    xs = [p.x for f in frames for p in f.joints.values()]
    ys = [p.y for f in frames for p in f.joints.values()] + [0.0]
    for prop in props:
        if prop.kind != "strap":
            left, right, bottom, top = prop_extent(prop)
            xs += [left, right]
            ys += [bottom, top]
    pad = 0.12
    return min(xs) - pad, max(xs) + pad, min(ys) - 0.04, max(ys) + pad


def render_svg(exercise: Exercise, *, animate: bool | None = None, title: bool = True) -> str:
    """The exercise's figure as a standalone SVG document."""
    if animate is None:
        animate = exercise.dosage.mode in (DosageMode.FLOW, DosageMode.REPS)
    figure = exercise.figure
    frames = frames_for(figure, animate)
    seconds = figure.tempo * len(figure.keyframes)
    shapes = [_shapes(frame) for frame in frames]
    left, right, bottom, top = _bounds(frames, figure.props)
    s = SCALE
    view = f"{left * s:.0f} {-top * s:.0f} {(right - left) * s:.0f} {(top - bottom) * s:.0f}"
    label = escape(f"{exercise.name}: {exercise.summary}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" role="img" '
        f'aria-label="{label}" class="bc-figure">',
        f"<title>{escape(exercise.name)}</title>" if title else "",
        f'<line class="bc-floor" x1="{left * s:.0f}" y1="0" x2="{right * s:.0f}" y2="0" '
        f'stroke="{FLOOR}" stroke-width="3"/>',
        props_behind(figure.props),
        _path(shapes, "far_arm", BODY_FAR, LIMB_WIDTH, seconds),
        _path(shapes, "far_leg", BODY_FAR, LIMB_WIDTH * 1.2, seconds),
        _path(shapes, "torso", BODY, TORSO_WIDTH, seconds),
        _path(shapes, "neck", BODY, LIMB_WIDTH, seconds),
        _circle(shapes, "head", HEAD_RADIUS, BODY, seconds),
        _circle(shapes, "nose", HEAD_RADIUS * 0.28, BODY, seconds),
        _path(shapes, "near_leg", BODY, LIMB_WIDTH * 1.2, seconds),
        _path(shapes, "near_arm", BODY, LIMB_WIDTH, seconds),
        props_in_front(figure.props, frames[-1].joints),
        "</svg>",
    ]
    return "".join(part for part in parts if part)
