"""Hypothesis strategies for every stored record (shared by the store and export tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from backcoach.core.options import Avoid, Equipment, Goal, Level
from backcoach.core.records import (
    ClearedAnswer,
    EventKind,
    EventRecord,
    FlareRecord,
    HurtSeverity,
    PegRecord,
    PreferenceKind,
    PreferenceRecord,
    ProfileBundle,
    ProfileSettings,
    ScreenRecord,
    SessionRecord,
    SessionStatus,
    StepRecord,
)

when = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
)
pain = st.integers(0, 10)
# Records refuse NUL (PostgreSQL cannot store it) and lone surrogates (not
# encodable as UTF-8); every other character goes.
stored_text = st.characters(exclude_characters="\x00", exclude_categories=["Cs"])
exercise_ids = st.sampled_from(["cat-cow", "knee-to-chest", "pelvic-tilt", "child-pose"])
steps = st.builds(
    StepRecord,
    index=st.integers(0, 200),
    exercise_id=st.none() | exercise_ids,
    kind=st.sampled_from(["hold", "rep", "breath_in", "get_ready"]),
    side=st.sampled_from([None, "left", "right"]),
    seconds=st.floats(0, 600, allow_nan=False),
    completed_at=when,
)
events = st.builds(
    EventRecord,
    kind=st.sampled_from(EventKind),
    at=when,
    exercise_id=st.none() | exercise_ids,
    step_index=st.none() | st.integers(0, 200),
    severity=st.none() | st.sampled_from(HurtSeverity),
    event_id=st.none() | st.uuids().map(str),
)
sessions = st.builds(
    SessionRecord,
    id=st.just(0),
    routine=st.dictionaries(
        st.text(stored_text, max_size=5),
        st.integers() | st.text(stored_text, max_size=8),
        max_size=3,
    ),
    planned_seconds=st.integers(0, 3000),
    started_at=when,
    finished_at=st.none() | when,
    pain_before=st.none() | pain,
    pain_after=st.none() | pain,
    status=st.sampled_from(SessionStatus),
    # A session holds each step once, and each event id once.
    steps=st.lists(steps, max_size=4, unique_by=lambda s: s.index).map(
        lambda items: tuple(sorted(items, key=lambda s: s.index))
    ),
    events=st.lists(events, max_size=3, unique_by=lambda e: e.event_id or id(e)).map(tuple),
)
settings_strategy = st.builds(
    ProfileSettings,
    minutes=st.integers(5, 45),
    goal=st.sampled_from(Goal),
    level=st.sampled_from(Level),
    equipment=st.lists(st.sampled_from(Equipment), unique=True, max_size=3).map(tuple),
    avoid=st.lists(st.sampled_from(Avoid), unique=True, max_size=3).map(tuple),
    days_per_week=st.integers(1, 7),
)
bundles = st.builds(
    ProfileBundle,
    name=st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=20),
    created_at=when,
    settings=settings_strategy,
    disclaimer_seen_at=st.none() | when,
    screens=st.lists(
        st.builds(
            ScreenRecord,
            answers=st.dictionaries(
                st.sampled_from(["a", "b", "c"]),
                st.booleans() | st.builds(ClearedAnswer, cleared_on=st.dates()),
            ),
            result=st.sampled_from(["clear", "emergency"]),
            taken_at=when,
        ),
        max_size=2,
    ).map(lambda items: tuple(sorted(items, key=lambda s: s.taken_at))),
    sessions=st.lists(sessions, max_size=3).map(
        lambda items: tuple(sorted(items, key=lambda s: s.started_at))
    ),
    preferences=st.lists(
        st.builds(
            PreferenceRecord,
            exercise_id=exercise_ids,
            kind=st.sampled_from(PreferenceKind),
            created_at=when,
            until=st.none() | when,
            reason=st.none() | st.text(stored_text, max_size=30),
        ),
        max_size=3,
    ).map(lambda items: tuple(sorted(items, key=lambda p: p.created_at))),
    pegs=st.lists(
        st.builds(PegRecord, pain=pain, enjoyment=pain, activity=pain, taken_at=when), max_size=2
    ).map(lambda items: tuple(sorted(items, key=lambda p: p.taken_at))),
    flares=st.lists(st.builds(FlareRecord, at=when), max_size=2).map(
        lambda items: tuple(sorted(items, key=lambda f: f.at))
    ),
)
