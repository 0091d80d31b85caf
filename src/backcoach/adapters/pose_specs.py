"""Read the camera coach's data files (catalogue/camera/*.yaml) and build the PoseModel."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ValidationError

from backcoach.adapters.catalogue_files import load_catalogue, shipped_catalogue_dir
from backcoach.core.catalogue import Catalogue
from backcoach.core.pose.model import PoseModel
from backcoach.core.pose.spec import CameraSpec, Negatives

NEGATIVES_FILE = "negatives.yaml"
CALIBRATION_SEED = 20241122


class CameraSpecError(ValueError):
    """A camera spec file that does not validate; the message is one line per problem."""


def camera_dir() -> Path:
    return shipped_catalogue_dir() / "camera"


def _load(path: Path, model: type[BaseModel]) -> Any:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(data)
    except yaml.YAMLError as error:
        raise CameraSpecError(f"{path}: not valid YAML: {error}") from None
    except ValidationError as error:
        lines = [
            f"{path}: {'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}"
            for e in error.errors()
        ]
        raise CameraSpecError("\n".join(lines)) from None


def load_camera_specs(folder: Path | None = None) -> dict[str, CameraSpec]:
    folder = folder or camera_dir()
    specs: dict[str, CameraSpec] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == NEGATIVES_FILE:
            continue
        spec: CameraSpec = _load(path, CameraSpec)
        if spec.exercise != path.stem:
            raise CameraSpecError(f"{path}: exercise: {spec.exercise!r} must match the file name")
        specs[spec.exercise] = spec
    return specs


def load_negatives(folder: Path | None = None) -> Negatives:
    negatives: Negatives = _load((folder or camera_dir()) / NEGATIVES_FILE, Negatives)
    return negatives


def build_pose_model(catalogue: Catalogue, folder: Path | None = None) -> PoseModel:
    """A camera spec for an exercise that is not in this catalogue (a physiotherapist's
    own smaller catalogue, say) is left out; every file is still validated."""
    specs = {e: spec for e, spec in load_camera_specs(folder).items() if e in catalogue}
    seeded = np.random.default_rng(CALIBRATION_SEED)  # same model on every start
    return PoseModel.build(catalogue, specs, load_negatives(folder).poses, seeded)


@lru_cache(maxsize=1)
def shipped_pose_model() -> PoseModel:
    """The model for the shipped catalogue, built once per process (about a second)."""
    return build_pose_model(load_catalogue())
