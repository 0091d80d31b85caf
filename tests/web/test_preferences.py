"""Like and dislike an exercise in the web app (no script needed) and through the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

OWN = {"origin": "http://testserver", "sec-fetch-site": "same-origin"}
EVIL = {"origin": "http://evil.example", "sec-fetch-site": "cross-site"}


def like_on_page(client: TestClient, exercise_id: str, choice: str) -> int:
    response = client.post(
        f"/exercises/{exercise_id}/preference",
        data={"preference": choice},
        headers=OWN,
        follow_redirects=False,
    )
    return int(response.status_code)


def test_the_exercise_page_offers_like_and_dislike_as_a_plain_form(onboarded: TestClient) -> None:
    page = onboarded.get("/exercises/sphinx").text
    assert 'action="/exercises/sphinx/preference"' in page and 'method="post"' in page
    assert 'value="like"' in page and 'value="dislike"' in page


def test_liking_on_the_page_is_remembered_and_shown(onboarded: TestClient) -> None:
    assert like_on_page(onboarded, "sphinx", "like") == 303
    page = onboarded.get("/exercises/sphinx").text
    assert "You like this exercise" in page
    assert 'value="like" class="" aria-pressed="true"' in page
    assert onboarded.get("/api/exercises/sphinx/preference").json()["preference"] == "like"


def test_disliking_leaves_the_exercise_out_of_todays_plan(onboarded: TestClient) -> None:
    plan = onboarded.post("/api/plan", json={"minutes": 20, "seed": 3}).json()
    chosen = plan["exercises"][0]["id"]
    assert like_on_page(onboarded, chosen, "dislike") == 303
    assert "it is left out of your routines" in onboarded.get(f"/exercises/{chosen}").text
    again = onboarded.post("/api/plan", json={"minutes": 20, "seed": 3}).json()
    assert chosen not in [e["id"] for e in again["exercises"]]
    assert like_on_page(onboarded, chosen, "none") == 303
    assert onboarded.get(f"/api/exercises/{chosen}/preference").json()["preference"] is None


def test_a_bad_choice_on_the_page_is_a_clear_422(onboarded: TestClient) -> None:
    response = onboarded.post(
        "/exercises/sphinx/preference", data={"preference": "love"}, headers=OWN
    )
    assert response.status_code == 422
    assert "Input should be &#39;like&#39;, &#39;dislike&#39; or &#39;none&#39;" in response.text


def test_the_api_likes_dislikes_and_forgets(onboarded: TestClient) -> None:
    url = "/api/exercises/cat-cow/preference"
    assert onboarded.get(url).json() == {"exercise": "cat-cow", "preference": None}
    put = onboarded.put(url, json={"preference": "dislike"}, headers=OWN)
    assert put.status_code == 200
    assert put.json() == {"exercise": "cat-cow", "preference": "dislike"}
    assert onboarded.put(url, json={"preference": "like"}).json()["preference"] == "like"
    assert onboarded.delete(url).json() == {"exercise": "cat-cow", "preference": None}


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_the_api_answers_404_for_an_unknown_exercise(onboarded: TestClient, method: str) -> None:
    response = onboarded.request(
        method, "/api/exercises/cat-kow/preference", json={"preference": "like"}
    )
    assert response.status_code == 404
    assert "cat-cow" in response.json()["suggestions"]


def test_the_api_refuses_a_preference_it_does_not_know(onboarded: TestClient) -> None:
    response = onboarded.put("/api/exercises/cat-cow/preference", json={"preference": "love"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "preference"


def test_another_site_cannot_change_a_preference(onboarded: TestClient) -> None:
    url = "/api/exercises/cat-cow/preference"
    assert onboarded.put(url, json={"preference": "dislike"}, headers=EVIL).status_code == 403
    form = onboarded.post(
        "/exercises/cat-cow/preference", data={"preference": "dislike"}, headers=EVIL
    )
    assert form.status_code == 403
    assert onboarded.get(url).json()["preference"] is None


def test_the_api_document_lists_each_preference_answer(client: TestClient) -> None:
    path = client.get("/openapi.json").json()["paths"]["/api/exercises/{exercise_id}/preference"]
    assert set(path) == {"get", "put", "delete"}
    for method in ("put", "delete"):
        assert {"200", "403", "404", "413"} <= set(path[method]["responses"])
