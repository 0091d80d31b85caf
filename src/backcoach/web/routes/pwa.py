"""What makes backcoach installable and usable offline: the web app manifest and the
service worker (``templates/sw.js``), served from the root so that it controls every page."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

router = APIRouter(include_in_schema=False)

WEB_DIR = Path(__file__).resolve().parents[1]
STATIC_DIR = WEB_DIR / "static"
WORKER_SOURCE = WEB_DIR / "templates" / "sw.js"
MODELS_DIR = WEB_DIR.parent / "models"
THEME_COLOUR = "#1f5f7a"  # the icon's background
# What every page and the player need; the camera's files are kept only once used.
SHELL_FILES = (
    "app.css",
    "app.js",
    "pwa.js",
    "player.css",
    "player.js",
    "outbox.js",
    "icon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
)
MANIFEST = {
    "name": "backcoach: lower-back stretches",
    "short_name": "backcoach",
    "description": "A guided lower-back stretching coach. General information, not medical advice.",
    "id": "/",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "orientation": "any",
    "theme_color": THEME_COLOUR,
    "background_color": "#ffffff",
    "icons": [
        {"src": "/static/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "/static/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
        {
            "src": "/static/icons/icon-maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": "/static/icon.svg", "sizes": "any", "type": "image/svg+xml"},
    ],
}
# Browsers check for a new worker on every visit; it must never come from an HTTP cache.
NO_CACHE = {"Cache-Control": "no-cache"}


@router.get("/manifest.webmanifest")
def manifest() -> JSONResponse:
    return JSONResponse(MANIFEST, media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker() -> Response:
    return Response(worker_script(), media_type="text/javascript", headers=NO_CACHE)


@cache
def worker_script() -> str:
    """The worker with its version and the list of files it keeps at install. Every
    static file and model counts in the version: the worker serves them from its
    cache, so any change must make a new cache."""
    shell = ["/manifest.webmanifest", *(f"/static/{name}" for name in SHELL_FILES)]
    digest = hashlib.sha256(WORKER_SOURCE.read_bytes())
    digest.update(json.dumps(MANIFEST).encode())
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(STATIC_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    for path in sorted(MODELS_DIR.glob("*.task")):
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return (
        WORKER_SOURCE.read_text(encoding="utf-8")
        .replace("__VERSION__", digest.hexdigest()[:16])
        .replace("__SHELL__", json.dumps(shell))
    )
