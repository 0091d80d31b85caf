"""The session document carries each exercise's cautions and stop signs for the player."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.core.reading import reading_seconds


def test_each_exercise_in_a_session_carries_its_cautions_and_when_to_stop(
    onboarded: TestClient,
) -> None:
    response = onboarded.post("/api/sessions", json={"pain_before": 3, "minutes": 10, "seed": 7})
    assert response.status_code == 201, response.text
    exercises = response.json()["exercises"]
    assert exercises
    catalogue = load_catalogue()
    for exercise_id, shown in exercises.items():
        exercise = catalogue.get(exercise_id)
        assert shown["cautions"] == list(exercise.cautions)
        assert shown["stop_if"] == list(exercise.stop_if)
        # Seconds to read them: a shorter lead-in keeps them up until dismissed.
        assert shown["cautions_seconds"] == pytest.approx(
            reading_seconds(exercise.cautions), abs=0.1
        )
    # The same document again (a reload) still carries them.
    again = onboarded.get(f"/api/sessions/{response.json()['id']}").json()["exercises"]
    assert all(again[e]["cautions"] and again[e]["stop_if"] for e in exercises)
