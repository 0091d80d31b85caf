"""The JSON API: documented in /openapi.json, 422 naming the field on bad input, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from backcoach.core.safety import RED_FLAG_IDS

CLEAR = {"answers": dict.fromkeys(RED_FLAG_IDS, False)}


def test_openapi_documents_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/exercises",
        "/api/exercises/{exercise_id}",
        "/api/plan",
        "/api/profile",
        "/api/screen",
        "/api/history",
    ):
        assert path in paths, path
    assert "/" not in paths  # pages are not part of the API
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "https://" not in docs.text  # no CDN: the API docs work offline
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_plan_is_refused_until_the_screen_is_clear(client: TestClient) -> None:
    refused = client.post("/api/plan", json={})
    assert refused.status_code == 409
    assert refused.json()["screen_url"].startswith("/screen")
    flagged = client.post(
        "/api/screen", json={"answers": {**CLEAR["answers"], "saddle-numbness": True}}
    ).json()
    assert flagged["allows_session"] is False
    assert "emergency" in flagged["advice"]
    assert client.post("/api/plan", json={}).status_code == 409
    assert client.post("/api/screen", json=CLEAR).json()["allows_session"] is True
    assert client.post("/api/plan", json={}).status_code == 200


def test_plan_fits_the_minutes_and_explains_each_choice(client: TestClient) -> None:
    client.post("/api/screen", json=CLEAR)
    plan = client.post("/api/plan", json={"minutes": 10, "goal": "relief", "seed": 3}).json()
    assert 9 * 60 <= plan["total_seconds"] <= 11 * 60
    assert all(e["reason"] for e in plan["exercises"])
    assert {s["exercise"] for s in plan["timeline"]} == {e["id"] for e in plan["exercises"]}
    assert plan["start_url"].startswith("/session/new?minutes=10")
    again = client.post("/api/plan", json={"minutes": 10, "goal": "relief", "seed": 3}).json()
    assert again == plan


def test_plan_respects_avoided_positions(client: TestClient) -> None:
    client.post("/api/screen", json=CLEAR)
    response = client.post("/api/plan", json={"minutes": 10, "avoid": ["standing"]})
    if response.status_code == 422:  # nothing fits: the answer says what to relax
        assert response.json()["relax"]
        return
    for exercise in response.json()["exercises"]:
        assert exercise["position"] != "standing"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"minutes": 3}, "minutes"),
        ({"minutes": "lots"}, "minutes"),
        ({"goal": "flying"}, "goal"),
        ({"pain": 11}, "pain"),
        ({"avoid": ["ceiling"]}, "avoid.0"),
        ({"equipment": ["rowing-machine"]}, "equipment.0"),
        ({"minuts": 10}, "minuts"),
    ],
)
def test_bad_plan_input_is_422_naming_the_field(
    client: TestClient, body: dict[str, object], field: str
) -> None:
    response = client.post("/api/plan", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == field


def test_malformed_json_is_422_not_500(client: TestClient) -> None:
    response = client.post(
        "/api/plan", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_profile_round_trip_and_validation(client: TestClient) -> None:
    assert client.get("/api/profile").json()["minutes"] == 15
    changed = client.put(
        "/api/profile", json={"minutes": 25, "equipment": ["strap"], "avoid": ["prone"]}
    ).json()
    assert (changed["minutes"], changed["equipment"], changed["avoid"]) == (
        25,
        ["strap"],
        ["prone"],
    )
    assert client.get("/api/profile").json() == changed
    bad = client.put("/api/profile", json={"level": "expert"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "level"


def test_screen_needs_every_answer(client: TestClient) -> None:
    partial = {"answers": {"saddle-numbness": False}}
    response = client.post("/api/screen", json=partial)
    assert response.status_code == 422
    assert "unanswered" in response.json()["message"]
    questions = client.get("/api/screen").json()["questions"]
    assert [q["id"] for q in questions] == list(RED_FLAG_IDS)


def test_an_unknown_question_sent_as_a_lone_surrogate_is_named_not_a_500(
    client: TestClient,
) -> None:
    """JSON allows "\\ud800", which UTF-8 cannot encode; the message shows its escape."""
    body = b'{"answers": {"\\ud800x": false}}'
    response = client.post(
        "/api/screen", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["message"] == "unknown screen question(s): \\ud800x"


def test_history_starts_empty_and_records_a_peg(client: TestClient) -> None:
    history = client.get("/api/history").json()
    assert history["sessions"] == []
    assert history["streak"] == 0
    assert len(history["weeks"]) == 8
    peg = client.post("/api/history/peg", json={"pain": 6, "enjoyment": 3, "activity": 3})
    assert peg.status_code == 201
    assert peg.json()["score"] == 4.0
    assert client.get("/api/history").json()["pegs"][0]["pain"] == 6
    bad = client.post("/api/history/peg", json={"pain": 6, "enjoyment": 3})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "activity"
    assert client.get("/api/history", params={"limit": 0}).status_code == 422
