"""Every router of the web app, in one place.

Adding a route module: write ``router = APIRouter(...)`` in its own file and
add ONE line to ``ROUTER_MODULES`` below (the web helpers, the session-player
helper and the camera helper each add their own line; keep the list sorted by
purpose, not alphabetically, because earlier routers win on equal paths).
A module that is listed but not yet written is skipped, so work in progress
never breaks the app.
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI

from backcoach.web.schemas import EVERY_ROUTE

ROUTER_MODULES: tuple[str, ...] = (
    "backcoach.web.routes.api",  # /api: exercises, plan, profile, screen, history
    "backcoach.web.routes.session",  # /session/... player pages and /api/sessions (web B)
    "backcoach.web.routes.camera",  # camera mode WebSocket (camera helper)
    "backcoach.web.routes.first_run",  # /welcome, /welcome/profile, /screen
    "backcoach.web.routes.pages",  # /, /exercises, /exercises/{id}
    "backcoach.web.routes.learn",  # /learn, /learn/{slug}
    "backcoach.web.routes.history",  # /history, /history/peg
    "backcoach.web.routes.programme",  # /progress, /flare
    "backcoach.web.routes.settings",  # /settings, export, delete
    "backcoach.web.routes.handout",  # /handout, /handout.pdf, /reminders, /reminders.ics
    "backcoach.web.routes.pwa",  # /manifest.webmanifest, /sw.js (installable, offline)
)


def include_routers(app: FastAPI) -> None:
    for name in ROUTER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:  # a real missing dependency inside the module: say so
                raise
            continue
        app.include_router(module.router, responses=EVERY_ROUTE)
