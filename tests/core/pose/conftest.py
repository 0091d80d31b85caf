"""Shared fixtures for the camera coach tests: one pose model built from the shipped data."""

from __future__ import annotations

import pytest

from backcoach.adapters.pose_specs import shipped_pose_model
from backcoach.core.pose.model import PoseModel


@pytest.fixture(scope="session")
def pose_model() -> PoseModel:
    return shipped_pose_model()


@pytest.fixture(scope="session")
def standing() -> dict[str, float]:
    """Standing tall, arms by the sides: not a catalogue exercise."""
    return STANDING


STANDING = {
    "lower_back": 90, "upper_back": 90, "neck": 90,
    "near_upper_arm": -92, "near_forearm": -88, "far_upper_arm": -88, "far_forearm": -92,
    "near_thigh": -90, "near_shin": -90, "far_thigh": -90, "far_shin": -90,
}  # fmt: skip
