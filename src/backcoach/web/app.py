"""Build the FastAPI application.

Nothing is created at import time: ``create_app`` receives the settings (or
builds them once from the environment) and keeps everything the routes need on
``app.state``, so tests can build as many independent apps as they like.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.adapters.storage.store import Store
from backcoach.config import Settings, load_settings
from backcoach.web.deps import local_now
from backcoach.web.errors import install_error_handlers
from backcoach.web.rendering import make_templates
from backcoach.web.security import (
    BodySizeLimit,
    CrossSiteGuard,
    SecurityHeaders,
    allowed_hosts,
)

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATES_DIR = WEB_DIR / "templates"
WORKER_THREADS = 8


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app for ``settings`` (default: built from the environment)."""
    if settings is None:
        settings = load_settings()
    store = Store.open(settings.database_url, backup=settings.backup_before_migrate)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Sync routes run in this pool. Their work is short and holds the GIL or
        # waits on the one SQLite writer, so more threads only contend: at 200
        # users, 40 threads (anyio's default) cost a quarter more CPU per request
        # than 4 (mostly in lock hand-offs). A few more than 4 leave room for
        # PostgreSQL's network round trips.
        to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        if settings.catalogue_dir is None:
            # The first camera user should not wait seconds for the pose model.
            from backcoach.web.routes.camera import warm_pose_model

            warm_pose_model(app.state)
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        # The stock /docs and /redoc load scripts from a CDN; /docs is served offline below.
        docs_url=None,
        redoc_url=None,
        title="backcoach",
        summary="A guided lower-back stretching coach. General information, not medical advice.",
        version=_version(),
    )
    app.state.settings = settings
    app.state.store = store
    app.state.clock = local_now
    app.state.catalogue = load_catalogue(settings.catalogue_dir)
    app.state.figures = {}
    app.state.templates = make_templates(TEMPLATES_DIR)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_error_handlers(app)
    _offline_docs(app)
    # Added innermost first: the security headers wrap every answer, refusals included.
    app.add_middleware(BodySizeLimit)
    app.add_middleware(CrossSiteGuard)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings.allowed_hosts))
    app.add_middleware(SecurityHeaders)

    from backcoach.web.routes import include_routers

    include_routers(app)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("backcoach")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def _offline_docs(app: FastAPI) -> None:
    """/docs from the vendored Swagger UI, started by a script file (the CSP allows no
    inline script), with no badge fetched from the public validator service."""

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        templates = request.app.state.templates
        html = templates.get_template("docs.html").render(openapi_url=app.openapi_url)
        return HTMLResponse(html)
