"""Jinja2 set-up and the one helper every page uses to render a template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from backcoach.core.wording import dose_text

DISCLAIMER = "backcoach does not diagnose or treat. If in doubt, ask a doctor or physiotherapist."

# (label, path, page id) in the order the main navigation shows them.
NAV_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("Today", "/", "today"),
    ("Library", "/exercises", "library"),
    ("Learn", "/learn", "learn"),
    ("History", "/history", "history"),
    ("Progress", "/progress", "progress"),
    ("Settings", "/settings", "settings"),
)


def make_templates(directory: Path) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(directory))
    templates.env.globals.update(nav_items=NAV_ITEMS, disclaimer=DISCLAIMER)
    templates.env.filters["minutes"] = format_minutes
    templates.env.filters["inline_svg"] = Markup
    templates.env.globals["dose_text"] = dose_text
    return templates


def format_minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return f"{round(seconds)} s"
    return f"{minutes} min"


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render ``template`` with ``context``; ``page`` in the context marks the current nav item."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context or {}, status_code=status_code)
