"""A fresh app on a temporary SQLite database for every test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from clocks import steady_clock
from fastapi.testclient import TestClient

from backcoach.config import load_settings
from backcoach.core.safety import RED_FLAGS
from backcoach.web.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = load_settings(
        environ={},
        data_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'backcoach.db'}",
        # Starlette's test client calls itself "testserver".
        allowed_hosts=("testserver",),
    )
    app = create_app(settings)
    app.state.clock = steady_clock()  # the plan and the streaks never follow the calendar
    with TestClient(app) as test_client:
        yield test_client


NO_RED_FLAGS = {flag.id: "no" for flag in RED_FLAGS}


@pytest.fixture
def onboarded(client: TestClient) -> TestClient:
    """A client whose person has passed the safety check and set a 10-minute profile."""
    assert client.post("/welcome", data=NO_RED_FLAGS, follow_redirects=False).status_code == 303
    profile = {"minutes": "10", "goal": "relief", "level": "beginner"}
    assert client.post("/welcome/profile", data=profile, follow_redirects=False).status_code == 303
    return client
