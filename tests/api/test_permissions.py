"""The permission matrix: every operation of the OpenAPI document × every kind of caller × an
object inside and outside the caller's unit subtree.

The rows live in tests/api/matrix/ (one module per area): which roles may call an operation,
whether it writes (a read-only personal token is refused), and for an operation about one
object how to find one in the caller's subtree and one in the other province. Out of scope an
object does not exist for the caller: 404 (never 403, never 200) in a path or a filter, an
invalid field (422) in a body. Nobody without a token gets past 401.
"""

from typing import Any

import pytest

from app.api.main import create_api
from app.services.scope import PERMISSIONS, WRITE_ACTIONS
from tests.api.helpers import PROBLEM, audit_count
from tests.api.matrix import OPERATIONS, Op
from tests.api.matrix.core import CALLERS, TOKEN_OWNER, Ctx, expected_status


def _cells() -> list[Any]:
    cells = []
    for op in OPERATIONS:
        for caller in op.callers():
            for scope in op.scopes():
                label = f"{op.method} {op.path} | {caller}"
                if scope != "-":
                    label += " | in scope" if scope == "in" else " | out of scope"
                cells.append(pytest.param(op, caller, scope, id=label))
    return cells


@pytest.mark.parametrize(("op", "caller", "scope"), _cells())
def test_permission(api, world, session, request, op: Op, caller: str, scope: str):
    for fixture in op.needs:
        request.getfixturevalue(fixture)
    token_key, _ = CALLERS[caller]
    acting = TOKEN_OWNER.get(token_key or "admin_a", token_key or "admin_a")
    ctx = Ctx(world, session, acting)
    if op.setup is not None:
        op.setup(ctx)
    if op.target is not None and scope != "-":
        ctx.target = op.target(ctx, scope)
    headers = world.headers(token_key) if token_key else {}
    audit_before = audit_count(session)

    r = api.request(op.method, op.url(ctx.target), headers=headers, **op.request(ctx))

    want = expected_status(op, caller, scope)
    assert r.status_code == want, r.text[:500]
    if want >= 400:
        assert r.headers["content-type"] == PROBLEM
        assert r.json()["status"] == want
        # A refused call changes nothing, so it leaves no trace in the change log.
        assert audit_count(session) == audit_before
    if want == 401:
        assert r.headers["www-authenticate"] == "Bearer"


def test_matrix_covers_every_operation():
    """A new route needs its row (and a row whose route is gone is removed)."""
    paths = create_api().openapi()["paths"]
    documented = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, item in paths.items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    declared = [(op.method, op.path) for op in OPERATIONS]
    assert len(declared) == len(set(declared)), "an operation is declared twice"
    assert documented - set(declared) == set(), "operations without a matrix row"
    assert set(declared) - documented == set(), "matrix rows for operations that do not exist"


@pytest.mark.parametrize(
    "op", [op for op in OPERATIONS if op.action], ids=lambda op: f"{op.method} {op.path}"
)
def test_matrix_agrees_with_the_policy_table(op: Op):
    """The rows are written out by hand; they must say what scope.PERMISSIONS says."""
    assert op.roles == PERMISSIONS[op.action]
    assert op.writes == (op.action in WRITE_ACTIONS)


def test_pending_rows_are_few():
    """Rows that check only the no-token cell are listed here, so that none is added quietly."""
    pending = sorted(f"{op.method} {op.path}" for op in OPERATIONS if op.anonymous_only)
    assert len(pending) <= PENDING_AT_MOST, pending


# Campaign, decision, award and nomination routes about one object (see tests/api/matrix/):
# lower this as their role and scope cells are declared.
PENDING_AT_MOST = 25
