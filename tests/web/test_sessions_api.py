"""The session API the player talks to: start, steps, skip/back/hurt from the engine, finish."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def start(client: TestClient, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/sessions", json={"pain_before": 3, "minutes": 5, **extra})
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    return document


def test_no_session_before_the_safety_check(client: TestClient) -> None:
    response = client.post("/api/sessions", json={"pain_before": 3})
    assert response.status_code == 409
    assert response.json()["page_url"].startswith("/screen")


def test_a_session_carries_its_timeline_cues_and_figures(onboarded: TestClient) -> None:
    session = start(onboarded)
    steps = session["steps"]
    assert session["resume_index"] == 0
    assert abs(sum(s["seconds"] for s in steps) - session["total_seconds"]) < 1e-6
    assert steps[0]["kind"] == "get_ready"
    assert all(s["exercise"] in session["exercises"] for s in steps)
    assert all("<svg" in e["figure_svg"] for e in session["exercises"].values())
    holds = [s for s in steps if s["kind"] == "hold"]
    assert holds and all(s["gated"] for s in holds)
    assert any(cue.get("sound") == "start" for cue in holds[0]["cues"])


def test_completed_steps_set_the_resume_point(onboarded: TestClient) -> None:
    session = start(onboarded)
    for index in range(3):
        assert onboarded.post(
            f"/api/sessions/{session['id']}/steps", json={"index": index}
        ).is_success
    assert onboarded.get(f"/api/sessions/{session['id']}").json()["resume_index"] == 3


def test_skip_goes_to_the_next_exercise_and_mild_hurt_skips_it(onboarded: TestClient) -> None:
    session = start(onboarded)
    steps, sid = session["steps"], session["id"]
    first = steps[1]["exercise"]
    target = onboarded.post(f"/api/sessions/{sid}/skip", json={"index": 1, "elapsed": 2}).json()
    assert steps[target["index"]]["exercise"] != first
    hurt = onboarded.post(
        f"/api/sessions/{sid}/hurt", json={"index": 1, "elapsed": 2, "severity": "mild"}
    ).json()
    assert hurt["action"] == "skip"
    assert steps[hurt["resume_index"]]["exercise"] != first


def test_sharp_pain_stops_and_finishing_closes_the_session(onboarded: TestClient) -> None:
    session = start(onboarded)
    sid = session["id"]
    hurt = onboarded.post(f"/api/sessions/{sid}/hurt", json={"index": 1, "severity": "sharp"})
    assert hurt.json()["action"] == "stop"
    done = onboarded.post(f"/api/sessions/{sid}/finish", json={"pain_after": 4, "completed": False})
    assert done.json()["status"] == "stopped"
    late = onboarded.post(f"/api/sessions/{sid}/steps", json={"index": 2})
    assert late.status_code == 409


def test_bad_input_names_the_field(onboarded: TestClient) -> None:
    session = start(onboarded)
    sid = session["id"]
    cases = [
        ("/api/sessions", {"pain_before": 11}, "pain_before"),
        (f"/api/sessions/{sid}/steps", {"index": -1}, "index"),
        (f"/api/sessions/{sid}/steps", {"index": 10_000}, "index"),
        (f"/api/sessions/{sid}/hurt", {"index": 0, "severity": "awful"}, "severity"),
        (f"/api/sessions/{sid}/finish", {"pain_after": "lots"}, "pain_after"),
        (f"/api/sessions/{2**70}/steps", {"index": 0}, "session_id"),  # beyond a 64-bit row id
    ]
    for path, body, field in cases:
        response = onboarded.post(path, json=body)
        assert response.status_code == 422, path
        assert field in response.json()["message"]
    assert onboarded.get("/api/sessions/999").status_code == 404
    assert onboarded.get(f"/api/sessions/{2**70}").status_code == 422


def test_reloading_after_a_skip_resumes_at_the_next_exercise(onboarded: TestClient) -> None:
    session = start(onboarded)
    steps, sid = session["steps"], session["id"]
    assert onboarded.post(f"/api/sessions/{sid}/steps", json={"index": 0}).is_success
    target = onboarded.post(f"/api/sessions/{sid}/skip", json={"index": 1, "elapsed": 2}).json()
    assert steps[target["index"]]["exercise"] != steps[1]["exercise"]
    reloaded = onboarded.get(f"/api/sessions/{sid}").json()
    assert reloaded["resume_index"] == target["index"]


def test_the_mild_hurt_advice_is_the_safety_rule(onboarded: TestClient) -> None:
    from backcoach.core.records import HurtSeverity
    from backcoach.core.safety import hurt_advice

    sid = start(onboarded)["id"]
    hurt = onboarded.post(
        f"/api/sessions/{sid}/hurt", json={"index": 1, "elapsed": 2, "severity": "mild"}
    ).json()
    assert hurt["message"].startswith(hurt_advice(HurtSeverity.MILD))


def test_pauses_are_stored_and_exported(onboarded: TestClient) -> None:
    sid = start(onboarded)["id"]
    assert onboarded.post(f"/api/sessions/{sid}/pause", json={"index": 1, "elapsed": 3}).is_success
    assert onboarded.post(f"/api/sessions/{sid}/resume", json={"index": 1, "elapsed": 3}).is_success
    (exported,) = onboarded.get("/settings/export").json()["profiles"]
    (session,) = exported["sessions"]
    assert [e["kind"] for e in session["events"]] == ["pause", "resume"]
    assert session["events"][0]["step_index"] == 1
    assert onboarded.post(f"/api/sessions/{sid}/pause", json={"index": 10_000}).status_code == 422


def test_history_shows_the_minutes_done_in_a_session_stopped_early(
    onboarded: TestClient,
) -> None:
    session = start(onboarded)
    steps, sid = session["steps"], session["id"]
    done = 0.0
    for index in range(4):
        assert onboarded.post(f"/api/sessions/{sid}/steps", json={"index": index}).is_success
        done += steps[index]["seconds"]
    onboarded.post(f"/api/sessions/{sid}/hurt", json={"index": 4, "severity": "sharp"})
    finished = onboarded.post(
        f"/api/sessions/{sid}/finish", json={"pain_after": 3, "completed": False}
    )
    assert finished.json()["minutes"] == round(done / 60, 1) > 0
    assert f"· {round(done / 60, 1)} min ·" in onboarded.get("/history").text
