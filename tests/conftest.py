"""Fixtures shared by every test folder. Keep them cheap: load once, share read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.core.catalogue import Catalogue

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
