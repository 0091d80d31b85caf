"""A fresh app on a temporary SQLite database for every test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backcoach.web.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(database_url=f"sqlite:///{tmp_path / 'backcoach.db'}")
    with TestClient(app) as test_client:
        yield test_client
