from __future__ import annotations

from fastapi.testclient import TestClient

from backcoach.core.catalogue import Catalogue

HTML = {"accept": "text/html"}


def test_api_lists_every_exercise_with_links(client: TestClient, catalogue: Catalogue) -> None:
    listed = client.get("/api/exercises").json()
    assert [e["id"] for e in listed] == catalogue.ids
    assert listed[0]["figure_url"] == f"/api/exercises/{listed[0]['id']}/figure.svg"


def test_api_filters_by_position_equipment_and_target(
    client: TestClient, catalogue: Catalogue
) -> None:
    listed = client.get(
        "/api/exercises", params={"position": "supine", "target": "lower-back"}
    ).json()
    expected = [
        e.id
        for e in catalogue
        if any(p.value == "supine" for p in e.positions)
        and any(t.value == "lower-back" for t in e.targets)
    ]
    assert [e["id"] for e in listed] == expected
    for equipment in ("strap", "none"):
        ids = [
            e["id"] for e in client.get("/api/exercises", params={"equipment": equipment}).json()
        ]
        assert ids == [e.id for e in catalogue if any(x.value == equipment for x in e.equipment)]


def test_api_bad_filter_is_422_naming_the_field(client: TestClient) -> None:
    response = client.get("/api/exercises", params={"equipment": "trampoline"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"][0]["field"] == "equipment"
    assert body["message"].startswith("equipment:")


def test_api_exercise_detail_and_unknown_id(client: TestClient, catalogue: Catalogue) -> None:
    exercise = next(iter(catalogue))
    detail = client.get(f"/api/exercises/{exercise.id}").json()
    assert detail["steps"] == list(exercise.steps)
    assert detail["cautions"] == list(exercise.cautions)
    missing = client.get("/api/exercises/" + exercise.id[:-1] + "x")
    assert missing.status_code == 404
    assert exercise.id in missing.json()["suggestions"]


def test_figure_is_svg(client: TestClient, catalogue: Catalogue) -> None:
    exercise = next(iter(catalogue))
    response = client.get(f"/api/exercises/{exercise.id}/figure.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.startswith("<svg")


def test_library_page_filters_and_links_each_exercise(
    client: TestClient, catalogue: Catalogue
) -> None:
    html = client.get("/exercises").text
    for exercise in catalogue:
        assert f'href="/exercises/{exercise.id}"' in html
    standing = client.get("/exercises", params={"position": "standing"}).text
    for exercise in catalogue:
        shown = f'href="/exercises/{exercise.id}"' in standing
        assert shown == any(p.value == "standing" for p in exercise.positions)


def test_exercise_page_shows_everything_a_person_needs(
    client: TestClient, catalogue: Catalogue
) -> None:
    exercise = next(iter(catalogue))
    html = client.get(f"/exercises/{exercise.id}").text
    assert "<svg" in html
    for heading in ("Steps", "Common mistakes", "Cautions", "Stop if", "Sources"):
        assert f">{heading}</h2>" in html
    assert exercise.sources[0].file in html


def test_unknown_exercise_page_is_404_with_suggestion(
    client: TestClient, catalogue: Catalogue
) -> None:
    exercise = next(iter(catalogue))
    response = client.get(f"/exercises/{exercise.id}x", headers=HTML)
    assert response.status_code == 404
    assert f'href="/exercises/{exercise.id}"' in response.text


def test_library_shows_body_areas_in_plain_words_and_a_glossary(client: TestClient) -> None:
    html = client.get("/exercises").text
    # the filter still sends the stored value, but the person reads plain words
    assert '<option value="hamstrings">Backs of the thighs</option>' in html
    assert '<span class="tag">backs of the thighs</span>' in html
    assert '<span class="tag">hamstrings</span>' not in html
    assert "<dt>Piriformis</dt>" in html
    filtered = client.get("/exercises", params={"target": "hamstrings"}).text
    assert '<option value="hamstrings" selected>Backs of the thighs</option>' in filtered


def test_exercise_page_names_targets_plainly(client: TestClient) -> None:
    html = client.get("/exercises/figure-four-stretch").text
    assert '<span class="tag">deep buttock muscle</span>' in html
    assert ">piriformis<" not in html
