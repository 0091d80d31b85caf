"""Installable and offline: the manifest, the icons and the service worker the app serves."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient
from PIL import Image

from backcoach.web.app import STATIC_DIR


def test_the_manifest_installs_a_standalone_app_starting_on_today(client: TestClient) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert "not medical advice" in manifest["description"]


def test_every_icon_in_the_manifest_is_served_at_its_stated_size(client: TestClient) -> None:
    icons = client.get("/manifest.webmanifest").json()["icons"]
    sizes = {icon["sizes"] for icon in icons if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes  # what Android and desktop Chromium ask for
    assert any(icon.get("purpose") == "maskable" for icon in icons)
    for icon in icons:
        assert client.get(icon["src"]).status_code == 200
        if icon["type"] == "image/png":
            with Image.open(STATIC_DIR / icon["src"].removeprefix("/static/")) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]


def test_pages_link_the_manifest_and_start_the_service_worker(onboarded: TestClient) -> None:
    page = onboarded.get("/").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert '<script src="/static/pwa.js" defer></script>' in page
    assert 'name="theme-color"' in page


def test_the_service_worker_is_served_from_the_root_never_from_a_stale_cache(
    client: TestClient,
) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert "worker-src 'self' blob:" in response.headers["content-security-policy"]
    assert "__VERSION__" not in response.text
    assert "__SHELL__" not in response.text


def test_the_worker_keeps_the_shell_at_install_but_not_the_camera_model(
    client: TestClient,
) -> None:
    script = client.get("/sw.js").text
    shell = json.loads(re.search(r"const SHELL = (\[.*?\]);", script).group(1))  # type: ignore[union-attr]
    assert {"/static/player.js", "/static/outbox.js", "/static/app.css"} <= set(shell)
    for url in shell:
        assert client.get(url).status_code == 200, url
    assert not [url for url in shell if "vendor" in url or url.endswith((".task", ".wasm"))]
