"""Fuzz the REST API from its own OpenAPI schema (schemathesis): no request, valid for the schema
or not, gets a 5xx, and every error answer is one clear line. Bounded: a fixed number of
generated requests per operation and mode, no deadline, derandomised so that a failure
reproduces. Skips without schemathesis (requirements/dev.txt).

The cases are drawn with Hypothesis from schemathesis' strategies (rather than its pytest
plugin, which does not run under pytest 9)."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.generation.modes import GenerationMode  # noqa: E402

from test_web import build_store  # noqa: E402

pytestmark = [pytest.mark.web, pytest.mark.slow]
EXAMPLES = 20  # per operation and mode


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from dotterel.store.testing import fake_pipeline
    from dotterel.web import create_app

    app = create_app(str(build_store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")), pipeline=fake_pipeline)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_gets_a_server_error(api_schema, mode):
    operations = [r.ok() for r in api_schema.get_all_operations()]
    assert len(operations) >= 10
    calls = []
    for op in operations:
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy(generation_mode=mode))
        def run(case):
            response = case.call()
            calls.append(response.status_code)
            assert response.status_code < 500, (case.method, case.path, case.query, case.body, response.text[:300])
            case.validate_response(response, checks=[not_a_server_error])
            if response.status_code >= 400:  # a clear one-line message, not a stack trace
                error = response.json()["error"]
                assert error and "\n" not in error and "Traceback" not in error

        try:
            run()
        except Unsatisfiable:  # no invalid request exists (an operation without parameters)
            assert mode == GenerationMode.NEGATIVE, op.label
    assert len(calls) >= len(operations) * 2
