"""A session stopped for sharp pain says so in history, and "it hurts" names what is left out."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from backcoach.core.catalogue import Catalogue


def start(client: TestClient) -> dict[str, Any]:
    response = client.post("/api/sessions", json={"pain_before": 3, "minutes": 5})
    assert response.status_code == 201, response.text
    session: dict[str, Any] = response.json()
    return session


def stop(client: TestClient, severity: str | None) -> dict[str, Any]:
    session = start(client)
    sid = session["id"]
    if severity:
        hurt = client.post(f"/api/sessions/{sid}/hurt", json={"index": 1, "severity": severity})
        assert hurt.status_code == 200, hurt.text
    finished = client.post(
        f"/api/sessions/{sid}/finish", json={"pain_after": 4, "completed": False}
    )
    assert finished.status_code == 200, finished.text
    return session


def test_history_marks_the_session_stopped_for_pain(onboarded: TestClient) -> None:
    stop(onboarded, "sharp")
    stop(onboarded, None)  # ended early for another reason
    quit_, pained = onboarded.get("/api/history").json()["sessions"]
    assert (pained["outcome"], pained["stopped_for_pain"]) == ("stopped: it hurt", True)
    assert (quit_["outcome"], quit_["stopped_for_pain"]) == ("stopped", False)
    page = onboarded.get("/history").text
    assert page.count("stopped: it hurt") == 1


def test_it_hurts_names_the_exercise_left_out(onboarded: TestClient, catalogue: Catalogue) -> None:
    session = start(onboarded)
    exercise_id = session["steps"][1]["exercise"]
    name = catalogue.get(exercise_id).name
    hurt = onboarded.post(
        f"/api/sessions/{session['id']}/hurt", json={"index": 1, "severity": "mild"}
    ).json()
    assert hurt["message"].endswith(f"{name} is left out of your routines for 7 days.")
    # The page says the same when it answers offline, before the server has the event.
    offline = session["exercises"][exercise_id]["hurt_messages"]
    assert offline["mild"] == hurt["message"]
    assert offline["sharp"].endswith(f"{name} is left out of your routines for 7 days.")
