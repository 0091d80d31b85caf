"""Use cases shared by the CLI and the web: thin steps between the store and the core.

Every function is keyword-only, takes the store it works on and, where time
matters, an aware ``now`` (the caller's clock; its time zone decides what
"today" is). Domain rules live in ``backcoach.core``; nothing here decides
anything a core function could. Import from here: ``from backcoach import services``.
"""

from __future__ import annotations

from backcoach.services.common import (
    DEFAULT_PROFILE,
    EventIdReused,
    ScreeningRequired,
    ServiceError,
    SessionClosed,
)
from backcoach.services.profiles import (
    ScreeningState,
    acknowledge_disclaimer,
    cleared_flags,
    delete_all_data,
    get_or_create_profile,
    last_reported_pain,
    list_profiles,
    preference_of,
    record_screen,
    screening_state,
    set_preference,
    update_profile,
)
from backcoach.services.programme import (
    ProgressReport,
    flare_days,
    programme_now,
    programme_progress,
    record_flare,
    this_week,
)
from backcoach.services.progress import (
    ExportFormat,
    HistoryReport,
    ImportSummary,
    SessionSummary,
    export_data,
    history,
    import_data,
    peg_due,
    record_peg,
    summary,
)
from backcoach.services.sessions import (
    FinishOutcome,
    HurtOutcome,
    abandon_session,
    finish_session,
    interrupted_session,
    plan_today,
    record_event,
    record_step,
    resume_session,
    start_session,
)

__all__ = [
    "DEFAULT_PROFILE",
    "EventIdReused",
    "ExportFormat",
    "FinishOutcome",
    "HistoryReport",
    "HurtOutcome",
    "ImportSummary",
    "ProgressReport",
    "ScreeningRequired",
    "ScreeningState",
    "ServiceError",
    "SessionClosed",
    "SessionSummary",
    "abandon_session",
    "acknowledge_disclaimer",
    "cleared_flags",
    "delete_all_data",
    "export_data",
    "finish_session",
    "flare_days",
    "get_or_create_profile",
    "history",
    "import_data",
    "interrupted_session",
    "last_reported_pain",
    "list_profiles",
    "peg_due",
    "plan_today",
    "preference_of",
    "programme_now",
    "programme_progress",
    "record_event",
    "record_flare",
    "record_peg",
    "record_screen",
    "record_step",
    "resume_session",
    "screening_state",
    "set_preference",
    "start_session",
    "summary",
    "this_week",
    "update_profile",
]
