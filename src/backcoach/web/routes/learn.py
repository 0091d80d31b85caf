"""/learn: short guides on why, how and when to stop, in our own words, citing their sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from backcoach.adapters.catalogue_files import shipped_source_titles
from backcoach.adapters.learn_files import load_learn
from backcoach.core.learn import Library
from backcoach.web.rendering import render

router = APIRouter(include_in_schema=False)


def _library(request: Request) -> Library:
    # Loaded on first use and kept: the pages are package data that cannot change while running.
    library: Library | None = getattr(request.app.state, "learn", None)
    if library is None:
        library = request.app.state.learn = load_learn()
    return library


@router.get("/learn", response_class=HTMLResponse)
def learn_index(request: Request) -> HTMLResponse:
    context = {"page": "learn", "title": "Learn", "pages": _library(request).pages}
    return render(request, "learn_index.html", context)


@router.get("/learn/{slug}", response_class=HTMLResponse)
def learn_page(slug: str, request: Request) -> HTMLResponse:
    library = _library(request)
    page = library.get(slug)
    if page is None:
        raise HTTPException(404, f"There is no learn page called {slug!r}; see the list at /learn.")
    titles = shipped_source_titles()
    sources = [(titles.get(file, file), file) for file in page.sources]
    context = {
        "page": "learn",
        "title": page.title,
        "guide": page,
        "sources": sources,
        "others": [p for p in library.pages if p.slug != slug],
    }
    return render(request, "learn_page.html", context)
