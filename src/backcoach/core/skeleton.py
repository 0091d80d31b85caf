"""A 2-D side-view skeleton: the one body model behind figures and the camera coach.

A pose is a set of *segment angles*: the direction in which each body segment
points, in degrees, in a side view of a person facing right. 0 points right
(forward, the way the person faces), 90 points up, 180 points back, 270 (or -90)
points down. "near" limbs are the ones nearer the viewer, "far" the others.

Forward kinematics turns angles into joint positions; the camera coach compares
the same angles measured from real landmarks, so both speak one language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

# segment name -> (parent joint, child joint)
SEGMENTS: dict[str, tuple[str, str]] = {
    "lower_back": ("hip", "mid_back"),
    "upper_back": ("mid_back", "shoulder"),
    "neck": ("shoulder", "head"),
    "near_upper_arm": ("shoulder", "near_elbow"),
    "near_forearm": ("near_elbow", "near_hand"),
    "far_upper_arm": ("shoulder", "far_elbow"),
    "far_forearm": ("far_elbow", "far_hand"),
    "near_thigh": ("hip", "near_knee"),
    "near_shin": ("near_knee", "near_ankle"),
    "far_thigh": ("hip", "far_knee"),
    "far_shin": ("far_knee", "far_ankle"),
}

# Feet are drawn at right angles to the shin unless a keyframe says otherwise.
OPTIONAL_SEGMENTS: dict[str, tuple[str, str]] = {
    "near_foot": ("near_ankle", "near_toe"),
    "far_foot": ("far_ankle", "far_toe"),
}

# Lengths as a fraction of standing height, rounded from common anthropometric tables.
SEGMENT_LENGTHS: dict[str, float] = {
    "lower_back": 0.15,
    "upper_back": 0.15,
    "neck": 0.11,
    "near_upper_arm": 0.17,
    "near_forearm": 0.17,
    "far_upper_arm": 0.17,
    "far_forearm": 0.17,
    "near_thigh": 0.245,
    "near_shin": 0.25,
    "far_thigh": 0.245,
    "far_shin": 0.25,
    "near_foot": 0.08,
    "far_foot": 0.08,
}

HEAD_RADIUS = 0.065

REQUIRED_ANGLES: tuple[str, ...] = tuple(SEGMENTS)
ALL_ANGLES: tuple[str, ...] = tuple(SEGMENTS) + tuple(OPTIONAL_SEGMENTS)


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def _direction(degrees: float) -> tuple[float, float]:
    radians = math.radians(degrees)
    return math.cos(radians), math.sin(radians)


def default_foot_angle(shin_angle: float) -> float:
    """A relaxed foot points forward, at a right angle to the shin."""
    return shin_angle + 90.0


def with_default_feet(angles: Mapping[str, float]) -> dict[str, float]:
    full = dict(angles)
    for side in ("near", "far"):
        shin = full.get(f"{side}_shin")
        if shin is not None:
            full.setdefault(f"{side}_foot", default_foot_angle(shin))
    return full


def joint_positions(
    angles: Mapping[str, float],
    *,
    lengths: Mapping[str, float] = SEGMENT_LENGTHS,
    hip: Point = Point(0.0, 0.0),
) -> dict[str, Point]:
    """Place every joint, starting from the hip. y grows upwards."""
    positions: dict[str, Point] = {"hip": hip}
    full = with_default_feet(angles)
    for segment, (parent, child) in {**SEGMENTS, **OPTIONAL_SEGMENTS}.items():
        dx, dy = _direction(full[segment])
        start = positions[parent]
        length = lengths[segment]
        positions[child] = Point(start.x + dx * length, start.y + dy * length)
    return positions


def lowest_point(positions: Mapping[str, Point]) -> float:
    """The lowest y the body reaches, counting the head's roundness."""
    lowest = min(p.y for p in positions.values())
    return min(lowest, positions["head"].y - HEAD_RADIUS)


def translate(positions: Mapping[str, Point], dx: float, dy: float) -> dict[str, Point]:
    return {name: Point(p.x + dx, p.y + dy) for name, p in positions.items()}


def interpolate_angles(
    start: Mapping[str, float], end: Mapping[str, float], fraction: float
) -> dict[str, float]:
    """Blend two poses along the shorter way round each angle.

    A foot angle given in only one pose blends from (or to) the relaxed foot of
    the other, so a pointed foot does not snap back mid-animation.
    """
    start, end = with_default_feet(start), with_default_feet(end)
    blended: dict[str, float] = {}
    for name in start.keys() & end.keys():
        delta = (end[name] - start[name] + 180.0) % 360.0 - 180.0
        blended[name] = start[name] + delta * fraction
    return blended
