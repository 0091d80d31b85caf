"""Schemathesis drives every API operation from /openapi.json, with valid and invalid
input, and runs all its checks: no 5xx, every status and body as documented, invalid input
refused, valid input accepted.

Bounded and reproducible: Hypothesis derandomizes (the same cases on every run) and draws a
fixed number of examples per operation and mode.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from clocks import steady_clock
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from backcoach.config import load_settings
from backcoach.core.safety import RED_FLAGS
from backcoach.web.app import create_app

EXAMPLES = 25
# Where valid-looking input still gets a 422, it is a rule about this person's day that no
# schema can express: no routine fits their limits (POST /api/plan and /api/sessions), or
# a step index beyond this session's timeline. Everywhere else a 422 for schema-valid input
# fails the positive-data check.
CONFIG = SchemathesisConfig.from_str(
    """
[[operations]]
include-path-regex = "^/api/(plan|sessions)"
checks.positive_data_acceptance.expected-statuses = [
    "2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"
]
"""
)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    data_dir: Path = tmp_path_factory.mktemp("schemathesis")
    app = create_app(
        load_settings(
            environ={},
            data_dir=data_dir,
            database_url=f"sqlite:///{data_dir / 'backcoach.db'}",
            allowed_hosts=("testserver",),
        )
    )
    app.state.clock = steady_clock()  # plans are seeded per day: the tests' day, not today's
    with TestClient(app) as client:
        # A person who has passed the safety check, so plans and sessions really run.
        answers = {flag.id: False for flag in RED_FLAGS}
        assert client.post("/api/screen", json={"answers": answers}).status_code == 200
        yield schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_as_documented(api_schema: Any, mode: GenerationMode) -> None:
    failures: list[str] = []
    run = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            nonlocal run
            run += 1
            case.call_and_validate()

        try:
            check()
        except Unsatisfiable:
            continue  # nothing to make invalid (no parameters, no body): nothing to test
        except (
            Exception,
            BaseExceptionGroup,
        ) as error:  # one operation's failure must not hide the others'
            failures.append(f"{operation.label}: {error}")
    print(f"schemathesis ({mode.value}): {run} cases")
    assert run > 0
    assert failures == [], "\n\n".join(failures)
