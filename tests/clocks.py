"""The day the tests run on, whatever the date on the machine that runs them.

Plans are seeded per person per day, and streaks, check-ins and reminders count
days, so a test that read the machine's clock could pass today and fail tomorrow.
Every test that reaches the app's clock sets it to one of these instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

# A Thursday morning, away from midnight, month ends and daylight-saving changes.
TEST_NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def steady_clock(start: datetime = TEST_NOW) -> Callable[[], datetime]:
    """A clock that reads ``start`` now and runs on at the pace of the monotonic clock,
    so stored moments keep their order while the date stays fixed."""
    began = time.monotonic()

    def now() -> datetime:
        return start + timedelta(seconds=time.monotonic() - began)

    return now
