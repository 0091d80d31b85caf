"""Issue 12 on the web: the red-flag screen's third answer and own advice, bending choices."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient

from backcoach.core.catalogue import BEND_CAUTION
from backcoach.core.safety import CLEARED_LABEL, RED_FLAGS

NO = {flag.id: "no" for flag in RED_FLAGS}
CLEARABLE = [flag.id for flag in RED_FLAGS if flag.clearable]
URGENT = [flag.id for flag in RED_FLAGS if not flag.clearable]


def test_the_screen_offers_checked_and_cleared_only_where_it_makes_sense(
    client: TestClient,
) -> None:
    page = html.unescape(client.get("/welcome").text)
    assert page.count(CLEARED_LABEL) == len(CLEARABLE)
    for flag_id in CLEARABLE:
        assert f'name="{flag_id}" value="cleared"' in page
    for flag_id in URGENT:
        assert f'name="{flag_id}" value="cleared"' not in page


def test_a_cleared_answer_lets_the_person_start_and_is_remembered_with_its_date(
    client: TestClient,
) -> None:
    answers = {**NO, "cancer-weight-loss": "cleared"}
    response = client.post("/welcome", data=answers, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/welcome/profile"
    again = client.get("/screen").text
    assert 'name="cancer-weight-loss" value="cleared" required checked' in again
    assert "(you told us on " in again
    assert 'name="night-pain" value="cleared" required checked' not in again


def test_an_urgent_sign_cannot_be_answered_as_cleared(client: TestClient) -> None:
    response = client.post("/welcome", data={**NO, "leg-weakness": "cleared"})
    assert response.status_code == 422
    assert 'href="#field-leg-weakness"' in response.text


def test_the_result_shows_each_flagged_items_own_advice(client: TestClient) -> None:
    response = client.post("/welcome", data={**NO, "fever-unwell": "yes", "age-onset": "yes"})
    page = html.unescape(response.text)
    assert "See a doctor today" in page
    by_id = {flag.id: flag for flag in RED_FLAGS}
    for flag_id in ("fever-unwell", "age-onset"):
        assert by_id[flag_id].question in page and by_id[flag_id].advice in page
    legs = html.unescape(client.post("/screen", data={**NO, "leg-weakness": "yes"}).text)
    assert "Get urgent help now" in legs and "emergency department now" in legs


def test_the_api_screen_takes_cleared_answers_and_returns_each_flags_advice(
    client: TestClient,
) -> None:
    questions = client.get("/api/screen").json()["questions"]
    assert {q["id"] for q in questions if q["clearable"]} == set(CLEARABLE)
    assert all(q["advice"] for q in questions)
    answers: dict[str, object] = dict.fromkeys(NO, False)
    cleared = client.post("/api/screen", json={"answers": {**answers, "bone-health": "cleared"}})
    assert cleared.status_code == 200
    assert cleared.json()["allows_session"] is True
    assert cleared.json()["cleared"] == ["bone-health"]
    flagged = client.post(
        "/api/screen", json={"answers": {**answers, "fever-unwell": True, "night-pain": "yes"}}
    ).json()
    assert flagged["status"] == "see_doctor_today"
    assert [f["id"] for f in flagged["flags"]] == ["fever-unwell", "night-pain"]
    assert all(f["advice"] for f in flagged["flags"])
    refused = client.post("/api/screen", json={"answers": {**answers, "bladder-bowel": "cleared"}})
    assert refused.status_code == 422
    assert "bladder-bowel" in refused.json()["message"]


def test_cleared_bone_health_leaves_forward_bends_and_hangs_out_of_api_plans(
    client: TestClient,
) -> None:
    answers: dict[str, object] = {**dict.fromkeys(NO, False), "bone-health": "cleared"}
    client.post("/api/screen", json={"answers": answers})
    kit = ["pull-up-bar", "bench", "ball", "strap", "wall-bars"]
    client.put("/api/profile", json={"level": "advanced", "equipment": kit})
    for seed in range(8):
        plan = client.post("/api/plan", json={"minutes": 20, "seed": seed}).json()
        for entry in plan["exercises"]:
            detail = client.get(f"/api/exercises/{entry['id']}").json()
            assert "forward" not in detail["bends"]
            assert entry["position"] != "hanging"
        assert any("bones" in note for note in plan["notes"])


def test_a_person_can_avoid_bending_forward_in_the_profile_and_api(
    onboarded: TestClient,
) -> None:
    form = onboarded.get("/welcome/profile").text
    assert 'value="bending-forward"' in form and 'value="bending-backward"' in form
    saved = onboarded.post(
        "/welcome/profile",
        data={"minutes": "10", "goal": "relief", "level": "beginner", "avoid": "bending-forward"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert onboarded.get("/api/profile").json()["avoid"] == ["bending-forward"]
    forward = {
        e["id"] for e in onboarded.get("/api/exercises").json()
        if "forward" in onboarded.get(f"/api/exercises/{e['id']}").json().get("bends", [])
    }  # fmt: skip
    assert {"knee-to-chest", "standing-forward-fold", "childs-pose"} <= forward
    for seed in range(8):
        plan = onboarded.post("/api/plan", json={"seed": seed}).json()
        assert not {e["id"] for e in plan["exercises"]} & forward
    backward = onboarded.post("/api/plan", json={"avoid": ["bending-backward"], "seed": 1})
    assert backward.status_code == 200


def test_bending_exercises_show_the_bending_caution_everywhere(onboarded: TestClient) -> None:
    sphinx = onboarded.get("/api/exercises/sphinx").json()
    assert BEND_CAUTION in sphinx["cautions"] and sphinx["bends"] == ["backward"]
    bird_dog = onboarded.get("/api/exercises/bird-dog").json()
    assert BEND_CAUTION not in bird_dog["cautions"] and bird_dog["bends"] == []
    assert BEND_CAUTION in html.unescape(onboarded.get("/exercises/sphinx").text)
    assert BEND_CAUTION not in html.unescape(onboarded.get("/exercises/bird-dog").text)
    handout = html.unescape(onboarded.get("/handout", params={"minutes": 10}).text)
    planned = onboarded.post("/api/plan", json={"minutes": 10}).json()["exercises"]
    bending = [
        e["id"] for e in planned if onboarded.get(f"/api/exercises/{e['id']}").json()["bends"]
    ]
    assert bending  # the beginner's warm-up or a stretch bends the spine
    assert handout.count(BEND_CAUTION) == len(bending)
