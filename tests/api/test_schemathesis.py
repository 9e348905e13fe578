"""Property-based tests over the whole OpenAPI document, in process, as an administrator."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.api.main import create_api

schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_api())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_openapi(case, world, figures_world):
    case.call_and_validate(headers=world.headers("admin_a"), checks=CHECKS)


# The roles most users have: a reviewer of the province and a reporter of one office. Fewer
# examples each (the admin run above explores the schema); these look for what a narrower
# scope or a refused action does to the server: never a 5xx.
@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.parametrize("user", ["reviewer_a", "reporter_a1"])
def test_no_server_error_as_a_reviewer_or_a_reporter(case, world, figures_world, user):
    case.call_and_validate(headers=world.headers(user), checks=CHECKS)
