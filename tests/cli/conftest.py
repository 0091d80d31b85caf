"""Every command run in-process here reads the tests' day, not the machine's."""

from __future__ import annotations

import pytest
from clocks import steady_clock

from backcoach.cli import context


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "clock", steady_clock())
