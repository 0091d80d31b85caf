"""HTML pages: first run, today, library, history, settings."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def today(request: Request) -> HTMLResponse:
    return render(request, "today.html", {"page": "today", "title": "Today"})
