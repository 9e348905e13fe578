"""The subtree restriction and the role table every service goes through."""

import pytest
from sqlmodel import select

from app.core.errors import Forbidden, NotFound
from app.models.units import Unit
from app.models.users import Role, TokenScope
from app.services.scope import (
    PERMISSIONS,
    WRITE_ACTIONS,
    Actor,
    authorize,
    in_subtree,
    require_write_token,
    unit_in_scope,
)


def actor_at(unit: Unit, role: Role = Role.admin, scope: TokenScope = TokenScope.write) -> Actor:
    return Actor(
        user_id=1, username="x", role=role, unit_id=unit.id, unit_path=unit.path, scope=scope
    )


@pytest.mark.parametrize("action", sorted(PERMISSIONS))
@pytest.mark.parametrize("role", list(Role))
def test_authorize_follows_the_table(action, role):
    actor = Actor(user_id=1, username="x", role=role, unit_id=1, unit_path="/1/")
    if role in PERMISSIONS[action]:
        authorize(actor, action)
    else:
        with pytest.raises(Forbidden):
            authorize(actor, action)


@pytest.mark.parametrize("action", sorted(PERMISSIONS))
def test_a_read_only_token_may_only_read(action):
    actor = Actor(
        user_id=1, username="x", role=Role.admin, unit_id=1, unit_path="/1/", scope=TokenScope.read
    )
    if action in WRITE_ACTIONS:
        with pytest.raises(Forbidden, match="read-only"):
            authorize(actor, action)
    elif Role.admin in PERMISSIONS[action]:
        authorize(actor, action)


def test_every_write_action_is_in_the_write_set():
    verbs = {action.split(".")[1] for action in WRITE_ACTIONS}
    assert "read" not in verbs
    assert {"units.write", "people.write", "users.write"} <= WRITE_ACTIONS


def test_viewers_never_write():
    assert all(Role.viewer not in PERMISSIONS[a] for a in WRITE_ACTIONS)


def test_require_write_token():
    require_write_token(Actor.system())
    with pytest.raises(Forbidden):
        require_write_token(
            Actor(
                user_id=1,
                username="x",
                role=Role.admin,
                unit_id=1,
                unit_path="/1/",
                scope=TokenScope.read,
            )
        )


def test_in_subtree_selects_the_unit_and_everything_below(session, world):
    actor = actor_at(world.units["CC_A1"])
    codes = session.exec(select(Unit.code).where(in_subtree(actor)).order_by(Unit.path)).all()
    assert codes == ["CC_A1", "EXT_A1"]


def test_a_sibling_with_a_longer_id_is_not_in_the_subtree(session, world):
    """Paths end with "/": unit 1's subtree must not swallow unit 10, 11 …"""
    units = session.exec(select(Unit).order_by(Unit.id)).all()
    for unit in units:
        inside = set(session.exec(select(Unit.id).where(in_subtree(actor_at(unit)))).all())
        expected = {u.id for u in units if f"{unit.id:08d}" in u.path.split("/")}
        assert inside == expected, unit.code


def test_the_system_actor_sees_everything(session, world):
    total = len(session.exec(select(Unit)).all())
    assert len(session.exec(select(Unit).where(in_subtree(Actor.system()))).all()) == total


def test_unit_in_scope(session, world):
    actor = actor_at(world.units["CUC_A"], Role.reviewer)
    assert unit_in_scope(session, actor, world.unit_id("EXT_A1")).code == "EXT_A1"
    for outside in ("CUC_B", "CC_B1", "TC"):
        with pytest.raises(NotFound):
            unit_in_scope(session, actor, world.unit_id(outside))
    with pytest.raises(NotFound):
        unit_in_scope(session, actor, 999_999)
