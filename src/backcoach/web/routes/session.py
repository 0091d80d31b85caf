"""The session player: its pages and the /api/sessions endpoints it talks to.

The page runs the timeline in the browser; every completed step is stored here
the moment it completes, so a reload or a closed tab resumes where it was.
Where skip, back and "it hurts" lead comes from the core session engine (see
``web.session_view``); storing comes from the services, as in the terminal.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from backcoach import services
from backcoach.adapters.storage.errors import NotFound as StoreNotFound
from backcoach.core import safety
from backcoach.core.options import Avoid, Equipment, Goal, Level
from backcoach.core.planner import PlanImpossible
from backcoach.core.reading import reading_seconds
from backcoach.core.records import EventId, EventKind, HurtSeverity, SessionRecord, SessionStatus
from backcoach.core.session import resume_point
from backcoach.core.timeline import Routine, Timeline, build_timeline
from backcoach.web import library, planning, session_view
from backcoach.web.deps import (
    CatalogueDep,
    MaybeProfileDep,
    NowDep,
    PrefsDep,
    ProfileDep,
    StoreDep,
)
from backcoach.web.rendering import render
from backcoach.web.schemas import WRITES, Elapsed, Minutes, Pain, Seed, StepIndex, problems

router = APIRouter()
pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/sessions", tags=["sessions"])
SESSION_WRITES = {**WRITES, **problems(404, 409)}

CAMERA_SCRIPT = Path(__file__).resolve().parents[1] / "static" / "camera.js"
TIMELINE_CACHE_SIZE = 512
TIMELINE_LOCK = threading.Lock()


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StartRequest(Body):
    pain_before: Pain
    minutes: Minutes | None = None
    goal: Goal | None = None
    level: Level | None = None
    equipment: list[Equipment] | None = None
    avoid: list[Avoid] | None = None
    seed: Seed | None = None


class StepDone(Body):
    index: StepIndex


class Moment(Body):
    index: StepIndex
    elapsed: Elapsed = 0.0
    event_id: EventId | None = Field(
        default=None,
        description="The device's own id for this event (a UUID): sent again, it is stored once",
    )


class Hurt(Moment):
    severity: HurtSeverity


class Finish(Body):
    pain_after: Pain
    completed: StrictBool = Field(default=True, description="False when the session ended early")


# --- helpers ---------------------------------------------------------------------


# Row ids are 64-bit integers in SQLite and PostgreSQL: a larger number names no session
# (and would overflow the database driver instead of giving a 404).
SessionIdParam = Annotated[int, PathParam(ge=1, le=2**63 - 1)]


def _timeline(request: Request, session: SessionRecord, catalogue: Any) -> tuple[Routine, Timeline]:
    """A session's routine and timeline, built once: the page posts every step of it."""
    found = _cached(request, session.id)
    if found is not None:
        return found
    state = request.app.state
    if getattr(state, "session_timelines", None) is None:
        state.session_timelines = OrderedDict()
    cache: OrderedDict[int, tuple[Routine, Timeline]] = state.session_timelines
    routine = Routine.from_stored(session.routine, catalogue)
    built = (routine, build_timeline(routine))
    with TIMELINE_LOCK:
        cache[session.id] = built
        while len(cache) > TIMELINE_CACHE_SIZE:
            cache.popitem(last=False)
    return built


def _cached(request: Request, session_id: int) -> tuple[Routine, Timeline] | None:
    cache: OrderedDict[int, tuple[Routine, Timeline]] | None = getattr(
        request.app.state, "session_timelines", None
    )
    with TIMELINE_LOCK:
        return cache.get(session_id) if cache is not None else None


class NotFound(Exception):
    pass


def _check_owner(store: Any, profile_id: int, session_id: int) -> None:
    """NotFound unless the session exists and is this person's (reads one column)."""
    try:
        owner = store.session_owner(session_id)
    except StoreNotFound:
        raise NotFound(f"no session {session_id}") from None
    if owner != profile_id:
        raise NotFound(f"no session {session_id}")


def _own_session(store: Any, profile_id: int, session_id: int) -> SessionRecord:
    _check_owner(store, profile_id, session_id)
    try:
        session: SessionRecord = store.session(session_id)
    except StoreNotFound:
        raise NotFound(f"no session {session_id}") from None
    return session


def _problem(status_code: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"message": message, **extra}, status_code=status_code)


STATUS_MESSAGES = {
    SessionStatus.ACTIVE: "This session is in progress.",
    SessionStatus.FINISHED: "Session saved. Well done for looking after your back.",
    SessionStatus.STOPPED: "Session saved. It ended early; rest, and go gently next time.",
    SessionStatus.ABANDONED: "This session was left unfinished; what you did is saved.",
}


def session_document(request: Request, session: SessionRecord, catalogue: Any) -> dict[str, Any]:
    """Everything the player needs: steps with their cues, exercises, where to resume."""
    routine, timeline = _timeline(request, session, catalogue)
    exercises = {
        item.exercise.id: {
            "name": item.exercise.name,
            "summary": item.exercise.summary,
            "steps": list(item.exercise.steps),
            # Shown before the exercise starts and while it runs, as the terminal coach does;
            # a lead-in shorter than the cautions take to read keeps them up until dismissed.
            "cautions": list(item.exercise.cautions),
            "cautions_seconds": round(reading_seconds(item.exercise.cautions), 1),
            "stop_if": list(item.exercise.stop_if),
            "figure_svg": library.figure(request, item.exercise),
            "hurt_messages": session_view.hurt_messages(safety.HURT_PAUSE_DAYS, item.exercise.name),
        }
        for item in routine.items
    }
    return {
        "id": session.id,
        "status": session.status.value,
        "status_message": STATUS_MESSAGES[session.status],
        "page_url": f"/session/{session.id}",
        "resume_index": resume_point(timeline, session.steps, session.events),
        "total_seconds": timeline.total_seconds,
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
        "notes": list(routine.notes),
        "steps": session_view.player_steps(routine, timeline),
        "exercises": exercises,
    }


# --- pages ------------------------------------------------------------------------


def _player(
    request: Request, prefs: Any, session_id: int | None, start: dict[str, Any]
) -> Response:
    context = {
        "title": "Session",
        "page": "today",
        "session_id": session_id,
        "start_request": start,
        "time_scale": getattr(request.app.state, "time_scale", 1.0),
        "voice": prefs.voice,
        "sounds": prefs.sounds,
        "camera_script": CAMERA_SCRIPT.exists(),
    }
    return render(request, "player.html", context)


@pages.get("/session/new", response_class=HTMLResponse)
def new_session_page(
    request: Request, store: StoreDep, profile: MaybeProfileDep, now: NowDep, prefs: PrefsDep
) -> Response:
    if profile is None or profile.disclaimer_seen_at is None:
        return RedirectResponse("/welcome", status_code=303)
    if services.screening_state(store=store, profile_id=profile.id, now=now).due:
        return RedirectResponse("/screen?reason=due", status_code=303)
    allowed = set(StartRequest.model_fields) - {"pain_before"}
    start: dict[str, Any] = {}
    for key in allowed:
        values = request.query_params.getlist(key)
        if values:
            start[key] = values if key in {"equipment", "avoid"} else _query_number(values[0])
    return _player(request, prefs, None, start)


def _query_number(text: str) -> int | str:
    """A number from the query string as the JSON number the API takes; anything else is
    passed on as it is, for the API to refuse naming the field."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else text


@pages.get("/session/{session_id}", response_class=HTMLResponse)
def session_page(
    session_id: SessionIdParam,
    request: Request,
    store: StoreDep,
    profile: ProfileDep,
    prefs: PrefsDep,
) -> Response:
    try:
        _check_owner(store, profile.id, session_id)
    except NotFound:
        return RedirectResponse("/session/new", status_code=303)
    return _player(request, prefs, session_id, {})


# --- API ----------------------------------------------------------------------------


@api.post(
    "",
    status_code=201,
    summary="Plan today's routine and start a session",
    responses={**WRITES, **problems(409)},
)
def start_session(
    body: StartRequest,
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: ProfileDep,
    now: NowDep,
    prefs: PrefsDep,
) -> Response:
    overrides = body.model_dump(exclude={"pain_before", "seed"}, exclude_none=True)
    try:
        day = planning.plan_day(
            store=store, catalogue=catalogue, profile_id=profile.id, now=now,
            pain=body.pain_before, overrides=overrides, lead_in_seconds=prefs.lead_in_seconds,
            seed=body.seed,
        )  # fmt: skip
        # An unfinished session stays resumable (from Today): another tab or device
        # may still be running it, so starting a new one does not close it.
        session = services.start_session(
            store=store, profile_id=profile.id, routine=day.routine,
            pain_before=body.pain_before, now=now,
        )  # fmt: skip
    except services.ScreeningRequired as error:
        return _problem(409, str(error), status="screen", page_url="/screen?reason=due")
    except PlanImpossible as error:
        return _problem(422, str(error), relax=list(error.relax))
    document = session_document(request, session, catalogue)
    return JSONResponse(document, status_code=201)


@api.get(
    "/{session_id}",
    summary="A session, its timeline and where to resume",
    responses=problems(404),
)
def get_session(
    session_id: SessionIdParam,
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: ProfileDep,
) -> Response:
    try:
        session = _own_session(store, profile.id, session_id)
    except NotFound as error:
        return _problem(404, str(error))
    return JSONResponse(session_document(request, session, catalogue))


def _open(
    request: Request, store: Any, catalogue: Any, profile_id: int, session_id: int, index: int
) -> Timeline | JSONResponse:
    """The timeline of one of this person's sessions; the services refuse closed ones."""
    try:
        if store.session_owner(session_id) != profile_id:
            raise StoreNotFound
    except StoreNotFound:
        return _problem(404, f"no session {session_id}")
    cached = _cached(request, session_id)
    _, timeline = cached or _timeline(request, store.session(session_id), catalogue)
    if index >= len(timeline):
        return _problem(422, f"index: expected a step from 0 to {len(timeline) - 1}", field="index")
    return timeline


@api.post(
    "/{session_id}/steps",
    summary="Store one completed step",
    responses=SESSION_WRITES,
    description="A step already stored is acknowledged with the same answer and stored once.",
)
def step_done(
    session_id: SessionIdParam,
    body: StepDone,
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: ProfileDep,
    now: NowDep,
) -> Response:
    opened = _open(request, store, catalogue, profile.id, session_id, body.index)
    if isinstance(opened, JSONResponse):
        return opened
    timeline = opened
    step = timeline.steps[body.index]
    try:
        services.record_step(
            store=store, session_id=session_id, index=body.index, kind=step.kind.value,
            seconds=step.seconds, now=now, exercise_id=step.exercise_id,
            side=step.side.value if step.side else None,
        )  # fmt: skip
    except services.SessionClosed as error:
        return _problem(409, str(error))
    return JSONResponse({"stored": body.index, "resume_index": body.index + 1})


def _record_moment(
    request: Request,
    store: Any,
    catalogue: Any,
    profile_id: int,
    session_id: int,
    index: int,
    kind: EventKind,
    now: datetime,
    severity: HurtSeverity | None = None,
    event_id: str | None = None,
) -> tuple[Timeline, Any] | JSONResponse:
    """Store an event at step ``index`` of an open session: its timeline and the stored event."""
    opened = _open(request, store, catalogue, profile_id, session_id, index)
    if isinstance(opened, JSONResponse):
        return opened
    try:
        stored = services.record_event(
            store=store, session_id=session_id, kind=kind, now=now,
            exercise_id=opened.steps[index].exercise_id, step_index=index, severity=severity,
            event_id=event_id,
        )  # fmt: skip
    except (services.SessionClosed, services.EventIdReused) as error:
        return _problem(409, str(error))
    return opened, stored


def _jump(action: Literal["skip", "back"]) -> Any:
    kind = EventKind.SKIP if action == "skip" else EventKind.BACK

    def endpoint(
        session_id: SessionIdParam,
        body: Moment,
        request: Request,
        store: StoreDep,
        catalogue: CatalogueDep,
        profile: ProfileDep,
        now: NowDep,
    ) -> Response:
        recorded = _record_moment(
            request, store, catalogue, profile.id, session_id, body.index, kind, now,
            event_id=body.event_id,
        )  # fmt: skip
        if isinstance(recorded, JSONResponse):
            return recorded
        timeline, _ = recorded
        return JSONResponse(
            {"index": session_view.jump(timeline, body.index, body.elapsed, action)}
        )

    endpoint.__name__ = f"{action}_step"
    return endpoint


api.post("/{session_id}/skip", summary="Skip to the next exercise", responses=SESSION_WRITES)(
    _jump("skip")
)
api.post(
    "/{session_id}/back",
    summary="Restart this exercise or go to the one before",
    responses=SESSION_WRITES,
)(_jump("back"))


def _pause(kind: EventKind) -> Any:
    def endpoint(
        session_id: SessionIdParam,
        body: Moment,
        request: Request,
        store: StoreDep,
        catalogue: CatalogueDep,
        profile: ProfileDep,
        now: NowDep,
    ) -> Response:
        recorded = _record_moment(
            request, store, catalogue, profile.id, session_id, body.index, kind, now,
            event_id=body.event_id,
        )  # fmt: skip
        if isinstance(recorded, JSONResponse):
            return recorded
        return JSONResponse({"recorded": kind.value, "index": body.index})

    endpoint.__name__ = f"{kind.value}_session"
    return endpoint


api.post("/{session_id}/pause", summary="Record a pause", responses=SESSION_WRITES)(
    _pause(EventKind.PAUSE)
)
api.post("/{session_id}/resume", summary="Record going on after a pause", responses=SESSION_WRITES)(
    _pause(EventKind.RESUME)
)


@api.post(
    "/{session_id}/hurt",
    summary="It hurts: sharp stops the session, mild skips",
    responses=SESSION_WRITES,
)
def it_hurts(
    session_id: SessionIdParam,
    body: Hurt,
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: ProfileDep,
    now: NowDep,
) -> Response:
    recorded = _record_moment(
        request, store, catalogue, profile.id, session_id, body.index, EventKind.HURT, now,
        body.severity, event_id=body.event_id,
    )  # fmt: skip
    if isinstance(recorded, JSONResponse):
        return recorded
    timeline, stored = recorded
    outcome = session_view.hurt(timeline, body.index, body.elapsed, body.severity)
    message = stored.advice or outcome.message
    if stored.paused_exercise is not None:
        paused = catalogue.get(stored.paused_exercise).name
        message += session_view.paused_note(paused, safety.HURT_PAUSE_DAYS)
    return JSONResponse(
        {
            "action": "stop" if outcome.stop else "skip",
            "message": message,
            "resume_index": outcome.resume_index,
        }
    )


@api.post(
    "/{session_id}/finish",
    responses=SESSION_WRITES,
    summary="Pain after, and close the session (a retry is acknowledged; another pain_after: 409)",
    description=(
        "Sent again with the same pain_after and completed (a retry), it is acknowledged "
        "with the same answer; a session already closed any other way (a different "
        "pain_after, or abandoned) is a 409 and keeps what was stored first."
    ),
)
def finish(
    session_id: SessionIdParam,
    body: Finish,
    store: StoreDep,
    profile: ProfileDep,
    now: NowDep,
) -> Response:
    try:
        _check_owner(store, profile.id, session_id)
        outcome = services.finish_session(
            store=store, session_id=session_id, now=now, pain_after=body.pain_after,
            completed=body.completed,
        )  # fmt: skip
    except NotFound as error:
        return _problem(404, str(error))
    except services.SessionClosed as error:
        return _problem(409, str(error))
    status = outcome.session.status
    return JSONResponse(
        {
            "id": session_id,
            "status": status.value,
            "status_message": STATUS_MESSAGES[status],
            "minutes": outcome.session.minutes,
            "advice": list(outcome.advice),
        }
    )


router.include_router(pages)
router.include_router(api)
