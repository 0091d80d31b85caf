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


def test_a_step_posted_again_is_acknowledged_and_counted_once(onboarded: TestClient) -> None:
    session = start(onboarded)
    steps, sid = session["steps"], session["id"]
    answers = [onboarded.post(f"/api/sessions/{sid}/steps", json={"index": 1}) for _ in range(50)]
    assert {(a.status_code, a.text) for a in answers} == {(200, answers[0].text)}
    finished = onboarded.post(f"/api/sessions/{sid}/finish", json={"pain_after": 2})
    assert finished.json()["minutes"] == round(steps[1]["seconds"] / 60, 1)
    (exported,) = onboarded.get("/settings/export").json()["profiles"]
    assert [s["index"] for s in exported["sessions"][0]["steps"]] == [1]
    # A retry whose first answer was lost arrives after the finish: still acknowledged.
    late = onboarded.post(f"/api/sessions/{sid}/steps", json={"index": 1})
    assert (late.status_code, late.text) == (200, answers[0].text)


def test_events_sent_again_with_their_id_are_stored_once(onboarded: TestClient) -> None:
    sid = start(onboarded)["id"]
    sent = [
        ("pause", {"index": 1, "elapsed": 3, "event_id": "0b7e-pause"}),
        ("resume", {"index": 1, "elapsed": 3, "event_id": "0b7e-resume"}),
        ("back", {"index": 1, "elapsed": 1, "event_id": "0b7e-back"}),
        ("skip", {"index": 1, "elapsed": 2, "event_id": "0b7e-skip"}),
        ("hurt", {"index": 1, "elapsed": 2, "severity": "mild", "event_id": "0b7e-hurt"}),
    ]
    for path, body in sent:
        first = onboarded.post(f"/api/sessions/{sid}/{path}", json=body)
        assert first.status_code == 200, first.text
        for _ in range(3):
            again = onboarded.post(f"/api/sessions/{sid}/{path}", json=body)
            assert (again.status_code, again.json()) == (200, first.json()), path
    (exported,) = onboarded.get("/settings/export").json()["profiles"]
    events = exported["sessions"][0]["events"]
    assert [(e["kind"], e["event_id"]) for e in events] == [
        (path, body["event_id"]) for path, body in sent
    ]
    reused = onboarded.post(
        f"/api/sessions/{sid}/skip", json={"index": 1, "event_id": "0b7e-pause"}
    )
    assert reused.status_code == 409
    assert "0b7e-pause" in reused.json()["message"]


def test_a_bad_event_id_is_named(onboarded: TestClient) -> None:
    sid = start(onboarded)["id"]
    for bad in ["", "x" * 65, "a b", "<script>", 12]:
        response = onboarded.post(f"/api/sessions/{sid}/pause", json={"index": 0, "event_id": bad})
        assert response.status_code == 422, bad
        assert "event_id" in response.json()["message"]


def test_finishing_again_is_acknowledged_but_a_different_pain_after_is_refused(
    onboarded: TestClient,
) -> None:
    sid = start(onboarded)["id"]
    first = onboarded.post(f"/api/sessions/{sid}/finish", json={"pain_after": 2})
    again = onboarded.post(f"/api/sessions/{sid}/finish", json={"pain_after": 2})
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    changed = onboarded.post(f"/api/sessions/{sid}/finish", json={"pain_after": 7})
    assert changed.status_code == 409
    assert "pain after 2" in changed.json()["message"]
    assert onboarded.get(f"/api/sessions/{sid}").json()["pain_after"] == 2


def test_the_moves_sent_with_each_step_are_where_the_api_leads(onboarded: TestClient) -> None:
    # The page moves on from these at once, even offline; they must match the engine's answers.
    session = start(onboarded)
    sid = session["id"]
    for index in range(0, len(session["steps"]), 3):
        moves = session["steps"][index]["moves"]
        at = {"index": index, "elapsed": 0}
        skip = onboarded.post(f"/api/sessions/{sid}/skip", json=at).json()
        back = onboarded.post(f"/api/sessions/{sid}/back", json=at).json()
        late = {"index": index, "elapsed": moves["back_restart_after"] + 0.5}
        restart = onboarded.post(f"/api/sessions/{sid}/back", json=late).json()
        mild = onboarded.post(f"/api/sessions/{sid}/hurt", json={**at, "severity": "mild"}).json()
        assert (skip["index"], back["index"]) == (moves["skip"], moves["back_before"])
        if late["elapsed"] <= session["steps"][index]["seconds"]:
            assert restart["index"] == moves["back_restart"]
        assert mild["resume_index"] == moves["after_mild_hurt"]
        exercise = session["exercises"][session["steps"][index]["exercise"]]
        assert mild["message"] == exercise["hurt_messages"]["mild"]
