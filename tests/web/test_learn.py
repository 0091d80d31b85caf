"""The learn pages in the web app: listed, linked from every page, citing articles by title."""

from __future__ import annotations

from fastapi.testclient import TestClient

from backcoach.adapters.catalogue_files import shipped_source_titles
from backcoach.adapters.learn_files import load_learn

HTML = {"accept": "text/html"}


def test_every_page_links_to_learn(client: TestClient) -> None:
    for path in ("/exercises", "/learn"):
        assert '<a href="/learn"' in client.get(path).text, path
    assert '<a href="/learn" aria-current="page">Learn</a>' in client.get("/learn").text


def test_the_learn_page_lists_every_guide_in_order(client: TestClient) -> None:
    page = client.get("/learn").text
    guides = load_learn().pages
    positions = [page.index(f'href="/learn/{guide.slug}"') for guide in guides]
    assert positions == sorted(positions)
    assert all(guide.title in page for guide in guides)


def test_a_guide_shows_its_sections_and_cites_articles_by_title(client: TestClient) -> None:
    guide = load_learn().get("stretch-or-pain")
    assert guide is not None
    page = client.get("/learn/stretch-or-pain")
    assert page.status_code == 200
    assert f'<h1 id="learn-title">{guide.title}</h1>' in page.text
    for section in guide.sections:
        assert section.heading in page.text
    titles = shipped_source_titles()
    for file in guide.sources:
        assert f'<cite>{titles[file]}</cite> <span class="muted source-file">({file})</span>' in (
            page.text
        )


def test_an_unknown_guide_is_a_404_page_pointing_to_the_list(client: TestClient) -> None:
    response = client.get("/learn/stretching-cures", headers=HTML)
    assert response.status_code == 404
    assert "no learn page called" in response.text and "/learn" in response.text


def test_learn_pages_use_no_inline_script_or_style(client: TestClient) -> None:
    for path in ("/learn", "/learn/breathing"):
        text = client.get(path).text
        assert "<script>" not in text and "<style" not in text and " style=" not in text
