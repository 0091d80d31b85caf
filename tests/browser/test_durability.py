"""The real server process killed with SIGKILL while a client posts steps: restarted on the
same database, it has every step it acknowledged and resumes the session after the last
one stored. (No browser: a client posting as fast as the server answers.)"""

from __future__ import annotations

import http.client
import json
import os
import signal
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from clocks import TEST_NOW

from backcoach.core.safety import RED_FLAG_IDS

from .conftest import TIME_SCALE, running_server
from .flows import Server

pytestmark = pytest.mark.slow


def connect(server: Server) -> http.client.HTTPConnection:
    address = urlsplit(server.url)
    return http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)


def call(
    connection: http.client.HTTPConnection, method: str, path: str, body: object = None
) -> tuple[int, Any]:
    payload = None if body is None else json.dumps(body)
    connection.request(method, path, body=payload, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"null")


class StepPoster(threading.Thread):
    """Posts every step of a session in order, each as soon as the last is answered, and
    keeps the indices the server acknowledged, until the server is gone."""

    def __init__(self, server: Server, session_id: int, steps: int, signal_after: int) -> None:
        super().__init__(daemon=True)
        self.server, self.session_id, self.steps = server, session_id, steps
        self.signal_after = signal_after
        self.acknowledged: list[int] = []
        self.refused: list[tuple[int, Any]] = []
        self.under_way = threading.Event()

    def run(self) -> None:
        connection = connect(self.server)
        path = f"/api/sessions/{self.session_id}/steps"
        try:
            for index in range(self.steps):
                status, answer = call(connection, "POST", path, {"index": index})
                if status != 200:
                    self.refused.append((status, answer))
                    return
                self.acknowledged.append(index)
                if len(self.acknowledged) == self.signal_after:
                    self.under_way.set()
        except (OSError, http.client.HTTPException):
            return  # the server was killed: this step was never acknowledged
        finally:
            connection.close()
            self.under_way.set()


def stored_steps(server: Server) -> list[int]:
    connection = connect(server)
    try:
        status, export = call(connection, "GET", "/settings/export")
    finally:
        connection.close()
    assert status == 200, export
    (session,) = export["profiles"][0]["sessions"]
    return sorted(step["index"] for step in session["steps"])


def test_a_server_killed_mid_session_keeps_every_step_it_acknowledged(tmp_path: Path) -> None:
    with running_server(tmp_path, TIME_SCALE) as server:
        connection = connect(server)
        answers = dict.fromkeys(RED_FLAG_IDS, False)
        assert call(connection, "POST", "/api/screen", {"answers": answers})[0] == 200
        status, session = call(
            connection, "POST", "/api/sessions", {"pain_before": 3, "minutes": 20}
        )
        assert status == 201, session
        connection.close()
        steps = len(session["steps"])
        poster = StepPoster(server, session["id"], steps, signal_after=steps // 4)
        poster.start()
        assert poster.under_way.wait(timeout=120)
        assert server.pid is not None
        os.kill(server.pid, signal.SIGKILL)
        poster.join(timeout=60)
    assert poster.refused == []
    acknowledged = poster.acknowledged
    assert steps // 4 <= len(acknowledged) < steps, "the kill came after the last step"

    with running_server(tmp_path, TIME_SCALE, now=TEST_NOW + timedelta(hours=1)) as again:
        stored = stored_steps(again)
        connection = connect(again)
        status, resumed = call(connection, "GET", f"/api/sessions/{session['id']}")
        connection.close()
    assert status == 200, resumed
    # Every acknowledged step, in order, once; at most the one in flight besides.
    assert stored == list(range(len(stored)))
    assert set(acknowledged) <= set(stored) and len(stored) - len(acknowledged) <= 1
    assert resumed["resume_index"] == len(stored)
    assert resumed["status"] == "active"
