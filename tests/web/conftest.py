"""A fresh app on a temporary SQLite database for every test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backcoach.config import load_settings
from backcoach.web.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = load_settings(
        environ={}, data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'backcoach.db'}"
    )
    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client
