"""Fixtures shared by every test folder. Keep them cheap: load once, share read-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.core.catalogue import Catalogue

# The suite is a gate, so it runs the same examples every time (a red build means the
# change broke something). `HYPOTHESIS_PROFILE=explore make test` draws fresh examples
# on every run, to go looking for new failures.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's ../shared folder (seeds, pose photos); CI always has it."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"needs the shared folder with seeds and photos at {SHARED}, which is absent")
    return SHARED
