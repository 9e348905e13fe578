"""A NUL byte in any text a client sends is invalid input (422 naming the field), never a
server error: PostgreSQL cannot store it, SQLite would store it silently."""

from typing import Any

import pytest

from tests.api.helpers import audit_count, error_fields
from tests.factories import PASSWORD, World

NUL = "Giồng\x00Trôm"


def _unit_body(w: World) -> dict[str, Any]:
    return {
        "code": "NEW",
        "name": "Đơn vị mới",
        "kind": "external",
        "parent_id": w.unit_id("CUC_A"),
    }


def _person_body(w: World) -> dict[str, Any]:
    return {
        "full_name": "Võ Văn Tám",
        "unit_id": w.unit_id("CC_A1"),
        "is_external": True,
        "organisation": "Công an huyện",
    }


def _user_body(w: World) -> dict[str, Any]:
    return {
        "username": "new.user",
        "full_name": "Tên",
        "role": "viewer",
        "unit_id": w.unit_id("CC_A1"),
        "password": "long enough passphrase",
    }


# (method, path, valid body, field that gets the NUL byte)
BODIES = [
    ("POST", "/units", _unit_body, "code"),
    ("POST", "/units", _unit_body, "name"),
    ("POST", "/units", _unit_body, "address"),
    ("PATCH", "/units/{CC_A1}", lambda w: {}, "code"),
    ("PATCH", "/units/{CC_A1}", lambda w: {}, "name"),
    ("PATCH", "/units/{CC_A1}", lambda w: {}, "address"),
    ("POST", "/people", _person_body, "full_name"),
    ("POST", "/people", _person_body, "position"),
    ("POST", "/people", _person_body, "organisation"),
    ("PATCH", "/people/{staff_a1}", lambda w: {}, "full_name"),
    ("PATCH", "/people/{staff_a1}", lambda w: {}, "position"),
    ("PATCH", "/people/{staff_a1}", lambda w: {}, "organisation"),
    ("POST", "/users", _user_body, "username"),
    ("POST", "/users", _user_body, "full_name"),
    ("POST", "/users", _user_body, "password"),
    ("PATCH", "/users/{reporter_a1}", lambda w: {}, "full_name"),
    ("POST", "/users/{reporter_a1}/password", lambda w: {}, "password"),
    ("POST", "/me/password", lambda w: {"current_password": PASSWORD}, "new_password"),
    (
        "POST",
        "/me/password",
        lambda w: {"new_password": "long enough passphrase"},
        "current_password",
    ),
    ("POST", "/tokens", lambda w: {}, "name"),
]
QUERIES = [
    ("/units", "q"),
    ("/people", "q"),
    ("/users", "q"),
    ("/audit", "entity"),
]


def _url(world: World, path: str) -> str:
    refs = {
        "{CC_A1}": world.unit_id("CC_A1"),
        "{staff_a1}": world.person_id("staff_a1"),
        "{reporter_a1}": world.users["reporter_a1"].id,
    }
    for ref, value in refs.items():
        path = path.replace(ref, str(value))
    return "/api/v1" + path


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    BODIES,
    ids=[f"{m} {p} {f}" for m, p, _, f in BODIES],
)
def test_nul_byte_in_a_body_field_is_422(api, world, session, method, path, body, field):
    before = audit_count(session)
    r = api.request(
        method,
        _url(world, path),
        json={**body(world), field: NUL},
        headers=world.headers("admin_a"),
    )
    assert error_fields(r) == {field}
    assert audit_count(session) == before


@pytest.mark.parametrize(("path", "param"), QUERIES, ids=[p for p, _ in QUERIES])
def test_nul_byte_in_a_query_parameter_is_422(api, world, path, param):
    r = api.get(_url(world, path), params={param: NUL}, headers=world.headers("admin_a"))
    assert error_fields(r) == {param}


@pytest.mark.parametrize("field", ["username", "password"])
def test_nul_byte_in_the_login_form_is_422_and_logs_nobody_in(api, world, field):
    data = {"username": "admin_a", "password": PASSWORD}
    data[field] = data[field][:3] + "\x00" + data[field][3:]
    r = api.post("/api/v1/auth/token", data=data)
    assert error_fields(r) == {field}
