"""Synthetic landmarks generated from skeleton angles: the project's own training data.

The 2-D side-view skeleton is lifted into 3-D (near limbs toward the camera, far
limbs away, by half a shoulder or hip width), turned to a camera view (yaw around
the vertical, elevation, roll), projected, and written out as the 33 MediaPipe
landmarks. Randomness is passed in as a numpy Generator.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from backcoach.core.pose import landmarks as lm
from backcoach.core.pose.landmarks import FloatArray
from backcoach.core.skeleton import SEGMENT_LENGTHS, default_foot_angle, joint_positions

SHOULDER_HALF_WIDTH = 0.105
HIP_HALF_WIDTH = 0.06
EAR_HALF_WIDTH = 0.06
NOSE_FORWARD = 0.06
NO_TURN: Mapping[str, float] = {}


@dataclass(frozen=True)
class View:
    """Where the camera stands: degrees of yaw (0 = exactly side-on), elevation, roll."""

    yaw: float = 0.0
    elevation: float = 0.0
    roll: float = 0.0
    mirrored: bool = False


def _unit(degrees: float) -> FloatArray:
    r = math.radians(degrees)
    return np.array([math.cos(r), math.sin(r), 0.0])


def body_points(
    angles: Mapping[str, float],
    lengths: Mapping[str, float] = SEGMENT_LENGTHS,
    out_of_plane: Mapping[str, float] = NO_TURN,
) -> FloatArray:
    """3-D landmark positions (33, 3) of a right-facing body; z points toward the camera.

    ``out_of_plane`` turns limb segments out of the side-view plane by the given
    degrees (positive toward the camera): a knee dropped out to the side, a shin
    crossed over the other leg."""
    turned = {
        name: length * math.cos(math.radians(out_of_plane.get(name, 0.0)))
        for name, length in lengths.items()
    }
    joints = joint_positions(angles, lengths=turned)

    def depth(segment: str) -> FloatArray:
        rise = lengths[segment] * math.sin(math.radians(out_of_plane.get(segment, 0.0)))
        return np.array([0.0, 0.0, rise])

    p = {name: np.array([pt.x, pt.y, 0.0]) for name, pt in joints.items()}
    out = np.zeros((lm.LANDMARK_COUNT, 3))
    neck, face = angles["neck"], angles["neck"] - 90.0
    head = p["head"]
    out[lm.NOSE] = head + NOSE_FORWARD * _unit(face) - 0.01 * _unit(neck)
    for side, sign in (("near", 1.0), ("far", -1.0)):
        # The person faces right, so their right side is toward the camera.
        left_right = 1 if side == "near" else 0
        z = np.array([0.0, 0.0, sign])
        shoulder = p["shoulder"] + SHOULDER_HALF_WIDTH * z
        hip = p["hip"] + HIP_HALF_WIDTH * z
        elbow = shoulder + (p[f"{side}_elbow"] - p["shoulder"]) + depth(f"{side}_upper_arm")
        wrist = elbow + (p[f"{side}_hand"] - p[f"{side}_elbow"]) + depth(f"{side}_forearm")
        knee = hip + (p[f"{side}_knee"] - p["hip"]) + depth(f"{side}_thigh")
        ankle = knee + (p[f"{side}_ankle"] - p[f"{side}_knee"]) + depth(f"{side}_shin")
        toe = ankle + (p[f"{side}_toe"] - p[f"{side}_ankle"])
        shin_dir = _unit(angles[f"{side}_shin"])
        foot_dir = _unit(angles.get(f"{side}_foot", default_foot_angle(angles[f"{side}_shin"])))
        hand_dir = _unit(angles[f"{side}_forearm"])
        out[lm.SHOULDERS[left_right]] = shoulder
        out[lm.HIPS[left_right]] = hip
        out[lm.ELBOWS[left_right]] = elbow
        out[lm.WRISTS[left_right]] = wrist
        out[lm.KNEES[left_right]] = knee
        out[lm.ANKLES[left_right]] = ankle
        out[lm.FEET[left_right]] = toe
        out[lm.HEELS[left_right]] = ankle + 0.04 * shin_dir - 0.025 * foot_dir
        for finger in (17, 19, 21):  # pinky, index, thumb
            out[finger + left_right] = wrist + 0.05 * hand_dir + 0.01 * z
        out[lm.LEFT_EAR + left_right] = head + EAR_HALF_WIDTH * z
        eye = head + 0.045 * _unit(face) + 0.02 * _unit(neck) + 0.03 * z
        for index in range(3):
            out[1 + index + 3 * left_right] = eye + (index - 1) * 0.008 * _unit(face)
        out[lm.LEFT_EAR + 2 + left_right] = head + 0.05 * _unit(face) - 0.035 * _unit(neck)
    return out


def _rotate(points: FloatArray, view: View) -> FloatArray:
    yaw, elev, roll = (math.radians(v) for v in (view.yaw, view.elevation, view.roll))
    x, y, z = points[:, 0], points[:, 1], points[:, 2]
    x, z = x * math.cos(yaw) + z * math.sin(yaw), -x * math.sin(yaw) + z * math.cos(yaw)
    y, z = y * math.cos(elev) - z * math.sin(elev), y * math.sin(elev) + z * math.cos(elev)
    x, y = x * math.cos(roll) - y * math.sin(roll), x * math.sin(roll) + y * math.cos(roll)
    return np.stack([x, y, z], axis=1)


def project(points: FloatArray, view: View, visibility: FloatArray | None = None) -> FloatArray:
    """Camera view of 3-D points as a (33, 4) MediaPipe frame, body filling ~80% of the image."""
    turned = _rotate(points, view)
    span = max(float(np.ptp(turned[:, 0])), float(np.ptp(turned[:, 1])), 1e-6)
    scale = 0.8 / span
    centre = (turned[:, :2].max(axis=0) + turned[:, :2].min(axis=0)) / 2
    frame = np.empty((lm.LANDMARK_COUNT, 4))
    frame[:, 0] = 0.5 + (turned[:, 0] - centre[0]) * scale
    frame[:, 1] = 0.5 - (turned[:, 1] - centre[1]) * scale
    frame[:, 2] = -(turned[:, 2] - turned[[lm.LEFT_HIP, lm.RIGHT_HIP], 2].mean()) * scale
    if visibility is None:
        visibility = np.where(points[:, 2] >= 0, 0.98, 0.8)
    frame[:, 3] = visibility
    if view.mirrored:
        mirrored: FloatArray = lm.mirror_frames(frame[None])[0]
        return mirrored
    return frame


def frame_from_angles(
    angles: Mapping[str, float],
    view: View = View(),
    lengths: Mapping[str, float] = SEGMENT_LENGTHS,
    out_of_plane: Mapping[str, float] = NO_TURN,
) -> FloatArray:
    """One synthetic MediaPipe frame (33, 4) of a pose given as skeleton angles."""
    return project(body_points(angles, lengths, out_of_plane), view)


@dataclass(frozen=True)
class Variation:
    """How far generated bodies stray from the keyframe (standard deviations, ranges)."""

    angle_sd: float = 7.0
    length_sd: float = 0.06
    max_yaw: float = 40.0
    elevation: tuple[float, float] = (-10.0, 25.0)
    roll_sd: float = 4.0
    noise_sd: float = 0.008


def varied_frames(
    poses: Sequence[Mapping[str, float]],
    count: int,
    rng: np.random.Generator,
    variation: Variation = Variation(),
    out_of_plane: Mapping[str, float] = NO_TURN,
) -> FloatArray:
    """``count`` frames (count, 33, 4) drawn from ``poses``: jittered angles,
    proportions and camera, half of them mirrored, with landmark noise."""
    frames = np.empty((count, lm.LANDMARK_COUNT, 4))
    for i in range(count):
        pose = poses[int(rng.integers(len(poses)))]
        angles = {k: v + float(rng.normal(0, variation.angle_sd)) for k, v in pose.items()}
        build = float(rng.normal(1, variation.length_sd))
        lengths = {
            k: v * build * float(rng.normal(1, variation.length_sd / 2))
            for k, v in SEGMENT_LENGTHS.items()
        }
        view = View(
            yaw=float(rng.uniform(-variation.max_yaw, variation.max_yaw)),
            elevation=float(rng.uniform(*variation.elevation)),
            roll=float(rng.normal(0, variation.roll_sd)),
            mirrored=bool(rng.integers(2)),
        )
        frame = frame_from_angles(angles, view, lengths, out_of_plane)
        frame[:, :2] += rng.normal(0, variation.noise_sd, size=(lm.LANDMARK_COUNT, 2))
        frames[i] = frame
    return frames
