"""The exercise page and the API cite sources by the article's title."""

from __future__ import annotations

from fastapi.testclient import TestClient

from backcoach.core.catalogue import Catalogue


def test_the_exercise_page_cites_the_title_and_the_file_only_as_a_detail(
    client: TestClient, catalogue: Catalogue
) -> None:
    sphinx = catalogue.get("sphinx")
    (source,) = sphinx.sources
    page = client.get("/exercises/sphinx").text
    assert f"<cite>{source.title}</cite>" in page
    assert f'<span class="muted source-file">({source.file})</span>' in page
    api = client.get("/api/exercises/sphinx").json()
    assert api["sources"][0] == {
        "title": source.title,
        "file": source.file,
        "dosage": source.dosage,
    }
