"""Turn the errors a visitor can cause into clear answers: 422 naming the field, 404, never a 500."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from backcoach.adapters.storage.errors import NotFound, StorageError
from backcoach.core.catalogue import UnknownExercise
from backcoach.core.planner import PlanImpossible
from backcoach.services import ScreeningRequired, ServiceError


def field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("body", "minutes")`` -> ``minutes``; the request part is noise to a reader."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in {"body", "query", "path", "form", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "request"


def encodable(text: str) -> str:
    """Error messages can quote what the visitor sent; a lone surrogate in it (JSON allows
    ``"\\ud800"``) cannot be encoded as UTF-8, so it is shown as its escape instead."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def describe_validation(errors: list[dict[str, Any]]) -> str:
    return "; ".join(f"{field_name(e['loc'])}: {e['msg']}" for e in errors)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", ""
    )


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"loc": list(e["loc"]), "field": field_name(e["loc"]), "msg": e["msg"], "type": e["type"]}
        for e in error.errors()
    ]
    message = describe_validation(errors)
    if _wants_html(request):
        return _error_page(request, 422, "That input was not valid", message)
    return JSONResponse({"message": message, "detail": errors}, status_code=422)


async def _unknown_exercise(request: Request, error: Exception) -> Response:
    assert isinstance(error, UnknownExercise)
    if _wants_html(request):
        return _error_page(
            request, 404, "No such exercise", encodable(str(error)), error.suggestions
        )
    return JSONResponse(
        {"message": encodable(str(error)), "suggestions": error.suggestions}, status_code=404
    )


HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str:
    """Every method some route takes at this path. Starlette names only the first route
    that matches the path, so GET and PUT on /api/profile answered PATCH with "GET"."""
    allowed: list[str] = []
    for method in HTTP_METHODS:
        # Matched from the app's root: inside a mount the request's root_path has grown.
        root = request.scope.get("app_root_path", "")
        scope = {**request.scope, "method": method, "root_path": root}
        for route in request.app.router.routes:
            if route.matches(scope)[0] != Match.FULL:
                continue
            # A mount (the static files) matches every method and serves GET and HEAD.
            if not isinstance(route, Mount) or method in {"GET", "HEAD"}:
                allowed.append(method)
            break
    return ", ".join(allowed)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    headers = dict(getattr(error, "headers", None) or {})
    if error.status_code == 405:
        headers["Allow"] = allowed_methods(request)
    if _wants_html(request) and error.status_code in {404, 405}:
        title = "Page not found" if error.status_code == 404 else "Not allowed here"
        page = _error_page(request, error.status_code, title, str(error.detail))
        page.headers.update(headers)
        return page
    return JSONResponse(
        {"message": str(error.detail), "detail": error.detail},
        status_code=error.status_code,
        headers=headers or None,
    )


def _error_page(
    request: Request, status: int, title: str, message: str, suggestions: list[str] | None = None
) -> Response:
    from backcoach.web.rendering import render

    context = {
        "title": title,
        "message": message,
        "suggestions": suggestions or [],
        "status": status,
    }
    return render(request, "error.html", context, status_code=status)


def _problem_handler(status: int, title: str) -> Any:
    """A handler answering ``status`` with the error's own sentence (JSON or a page)."""

    async def handle(request: Request, error: Exception) -> Response:
        message = encodable(str(error))
        if _wants_html(request):
            return _error_page(request, status, title, message)
        body: dict[str, Any] = {"message": message}
        if isinstance(error, PlanImpossible):
            body["relax"] = list(error.relax)
        if isinstance(error, ScreeningRequired):
            body["screen_url"] = "/screen?reason=due"
        return JSONResponse(body, status_code=status)

    return handle


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(UnknownExercise, _unknown_exercise)
    # Most specific first: handlers are looked up along the exception's class hierarchy.
    app.add_exception_handler(ScreeningRequired, _problem_handler(409, "Safety check needed"))
    app.add_exception_handler(ServiceError, _problem_handler(422, "That cannot be done"))
    app.add_exception_handler(PlanImpossible, _problem_handler(422, "No routine fits those limits"))
    app.add_exception_handler(NotFound, _problem_handler(404, "Not found"))
    app.add_exception_handler(StorageError, _problem_handler(503, "The database cannot be used"))
    app.add_exception_handler(StarletteHTTPException, _http_error)
