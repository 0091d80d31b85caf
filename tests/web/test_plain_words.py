"""Pages name positions in plain words ("lying face down"), never by their precise terms."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from backcoach.core.catalogue import Catalogue

JARGON = re.compile(r"\b(prone|supine|quadruped)\b", re.I)


class _Text(HTMLParser):
    """What a person reads: text nodes, not attribute values such as filter option values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_library_lists_and_filters_positions_in_plain_words(client: TestClient) -> None:
    page = visible_text(client.get("/exercises").text)
    assert JARGON.findall(page) == []
    assert "Lying face down" in page and "On hands and knees" in page
    filtered = client.get("/exercises", params={"position": "prone"})
    assert filtered.status_code == 200
    text = visible_text(filtered.text)
    assert "Sphinx" in text and "lying face down" in text and JARGON.findall(text) == []


def test_no_exercise_page_uses_the_precise_names(client: TestClient, catalogue: Catalogue) -> None:
    for exercise in catalogue:
        text = visible_text(client.get(f"/exercises/{exercise.id}").text)
        assert JARGON.findall(text) == [], exercise.id
        assert f"Position: {exercise.position.label}" in text, exercise.id


def test_the_childs_pose_page_names_the_position_it_passes_through(client: TestClient) -> None:
    text = visible_text(client.get("/exercises/childs-pose").text)
    assert "Position: kneeling (passing through on hands and knees)" in text


def test_todays_plan_and_the_handout_use_plain_words(onboarded: TestClient) -> None:
    for path in ("/", "/handout"):
        response = onboarded.get(path)
        assert response.status_code == 200, path
        assert JARGON.findall(visible_text(response.text)) == [], path


def test_the_players_cues_use_plain_words(onboarded: TestClient) -> None:
    plan = onboarded.post("/api/plan", json={"minutes": 20, "pain": 0, "seed": 3})
    assert plan.status_code == 200, plan.text
    cues = [step["cue"] for step in plan.json()["timeline"]]
    assert cues and [c for c in cues if JARGON.search(c)] == []
