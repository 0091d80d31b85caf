"""Named measurements of a pose, the vocabulary that form rules are written in.

Every measure takes the (N, 13, 2) segment vectors of the reading that matched
the exercise (so "near" means the limb that plays the keyframe's near limb)
plus the apparent shoulder and hip widths, and returns N numbers. Angles are in
degrees; distances in torso lengths. The person faces right, y is up.
"""

from __future__ import annotations

import numpy as np

from backcoach.core.pose.landmarks import FloatArray
from backcoach.core.pose.normalise import NOMINAL_LENGTH, SEGMENT_INDEX, segment_angles

TORSO = NOMINAL_LENGTH["trunk"]


def _vec(v: FloatArray, name: str) -> FloatArray:
    kind = name.removeprefix("near_").removeprefix("far_")
    return v[:, SEGMENT_INDEX[name]] * NOMINAL_LENGTH[kind]


def _turn(a: FloatArray, b: FloatArray) -> FloatArray:
    """Signed angle from direction a to direction b, degrees in (-180, 180]."""
    cross = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]
    dot = (a * b).sum(axis=1)
    return np.asarray(np.degrees(np.arctan2(cross, dot)), dtype=np.float64)


def _joints(v: FloatArray) -> dict[str, FloatArray]:
    """Joint positions relative to the hip, in body heights."""
    shoulder = _vec(v, "trunk")
    joints = {"hip": np.zeros_like(shoulder), "shoulder": shoulder}
    joints["head"] = shoulder + _vec(v, "neck")
    for side in ("near", "far"):
        elbow = shoulder + _vec(v, f"{side}_upper_arm")
        knee = _vec(v, f"{side}_thigh")
        joints[f"{side}_elbow"] = elbow
        joints[f"{side}_hand"] = elbow + _vec(v, f"{side}_forearm")
        joints[f"{side}_knee"] = knee
        joints[f"{side}_ankle"] = knee + _vec(v, f"{side}_shin")
    return joints


def _hip_line(v: FloatArray) -> FloatArray:
    """How far the hip sits above the shoulder-to-knee line (negative: sagging)."""
    j = _joints(v)
    line = j["near_knee"] - j["shoulder"]
    to_hip = j["hip"] - j["shoulder"]
    cross = line[:, 0] * to_hip[:, 1] - line[:, 1] * to_hip[:, 0]
    length = np.maximum(np.sqrt((line * line).sum(axis=1)), 1e-6)
    # For a person facing right and lying on the back, the line runs left to right
    # from shoulder to knee; "above" must stay above when the body is flipped.
    sign = np.where(line[:, 0] >= 0, 1.0, -1.0)
    return np.asarray(sign * cross / length / TORSO)


def _distance(a: FloatArray, b: FloatArray) -> FloatArray:
    d = a - b
    return np.asarray(np.sqrt((d * d).sum(axis=1)) / TORSO)


DIRECTIONS = frozenset(
    ["trunk", "neck"]
    + [
        f"{side}_{part}"
        for side in ("near", "far")
        for part in ("upper_arm", "forearm", "thigh", "shin")
    ]
)
# What each measure means, for rule authors; angles in degrees, distances in torso lengths.
MEASURES: dict[str, str] = {
    **dict.fromkeys(DIRECTIONS, "direction of the segment (0 forward, 90 up, 180 back)"),
    **{f"{s}_knee": "knee angle, 180 straight" for s in ("near", "far")},
    **{f"{s}_elbow": "elbow angle, 180 straight" for s in ("near", "far")},
    **{f"{s}_hip": "angle between trunk and thigh, 180 straight" for s in ("near", "far")},
    **{
        f"{s}_arm_raise": "shoulder flexion, 0 arm by the side, 180 overhead"
        for s in ("near", "far")
    },
    **{f"{s}_knee_to_chest": "knee to shoulder distance" for s in ("near", "far")},
    "neck_bend": "head tipped back (+) or chin toward chest (-) from the trunk line",
    "hip_line": "hip above (+) or below (-) the line from shoulder to near knee",
    "hips_to_heels": "hip to the nearer ankle",
    "elbow_under_shoulder": "near elbow ahead (+) or behind (-) the shoulder",
    "hip_height": "hip above the lower of near knee and ankle",
    "hand_to_foot": "near hand to near ankle",
    "twist": "shoulders turned against the hips (apparent width difference)",
}
ANGLE_MEASURES = DIRECTIONS


def _joint_angle(v: FloatArray, name: str) -> FloatArray:
    side, joint = name.split("_", 1)
    index = SEGMENT_INDEX
    if joint == "knee":
        return 180.0 - np.abs(_turn(v[:, index[f"{side}_thigh"]], v[:, index[f"{side}_shin"]]))
    if joint == "elbow":
        upper, fore = index[f"{side}_upper_arm"], index[f"{side}_forearm"]
        return 180.0 - np.abs(_turn(v[:, upper], v[:, fore]))
    if joint == "hip":
        return np.abs(_turn(v[:, index["trunk"]], v[:, index[f"{side}_thigh"]]))
    # arm_raise: the upper arm against the trunk's downward line.
    return 180.0 - np.abs(_turn(v[:, index["trunk"]], v[:, index[f"{side}_upper_arm"]]))


def measure(
    name: str, vectors: FloatArray, shoulder_span: FloatArray, hip_span: FloatArray
) -> FloatArray:
    """The named measure (see MEASURES) for every frame."""
    v = vectors
    if name in DIRECTIONS:
        return segment_angles(v[:, SEGMENT_INDEX[name]])
    if name.endswith(("_knee", "_elbow", "_hip", "_arm_raise")):
        return _joint_angle(v, name)
    if name == "twist":
        return np.asarray(np.abs(shoulder_span - hip_span), dtype=np.float64)
    if name == "neck_bend":
        return _turn(v[:, SEGMENT_INDEX["trunk"]], v[:, SEGMENT_INDEX["neck"]])
    if name == "hip_line":
        return _hip_line(v)
    j = _joints(v)
    if name.endswith("_knee_to_chest"):
        return _distance(j[name.removesuffix("_to_chest")], j["shoulder"])
    if name == "hips_to_heels":
        return np.minimum(_distance(j["near_ankle"], j["hip"]), _distance(j["far_ankle"], j["hip"]))
    if name == "elbow_under_shoulder":
        return (j["near_elbow"][:, 0] - j["shoulder"][:, 0]) / TORSO
    if name == "hip_height":
        return -np.minimum(j["near_knee"][:, 1], j["near_ankle"][:, 1]) / TORSO
    if name == "hand_to_foot":
        return _distance(j["near_hand"], j["near_ankle"])
    raise KeyError(f"unknown measure {name!r}")
