from __future__ import annotations

from fastapi.testclient import TestClient


def test_base_layout_has_landmarks_skip_link_nav_and_disclaimer(client: TestClient) -> None:
    html = client.get("/exercises").text
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    for label in ("Today", "Library", "History", "Settings"):
        assert f">{label}</a>" in html
    assert "General information, not medical advice." in html


def test_static_files_are_served(client: TestClient) -> None:
    response = client.get("/static/app.css")
    assert response.status_code == 200
    assert "prefers-color-scheme: dark" in response.text


def test_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    response = client.get("/no-such-page", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert "Page not found" in response.text
