"""The materialised path that makes subtree queries one indexed LIKE."""

from sqlmodel import select

from app.models.levels import LevelCode
from app.models.units import Unit, UnitUpdate
from app.services.scope import Actor
from app.services.units import ancestors, depth_of, path_of, update_unit
from tests.factories import make_unit


def test_path_of_a_root_and_a_child():
    root = Unit(code="R", name="R", kind=LevelCode.ministry, path="/00000001/")
    assert path_of(None, 1) == "/00000001/"
    assert path_of(root, 12) == "/00000001/00000012/"


def test_depth():
    assert depth_of(Unit(code="R", name="R", kind=LevelCode.ministry, path="/00000001/")) == 0
    deep = Unit(
        code="C", name="C", kind=LevelCode.district_office, path="/00000001/00000002/00000003/"
    )
    assert depth_of(deep) == 2


def test_path_order_is_tree_order_even_across_digit_counts(session, world):
    """Ids 9 and 10 sort as text the same way as numbers, so ORDER BY path is preorder."""
    rows = session.exec(select(Unit).order_by(Unit.path)).all()
    seen: set[int | None] = {None}
    for unit in rows:
        assert unit.parent_id in seen, unit.code  # every parent comes before its children
        seen.add(unit.id)
    assert [u.code for u in rows][-2:] == ["CUC_B", "CC_B1"]


def test_ancestors_from_the_root_down(session, world):
    assert [u.code for u in ancestors(session, world.units["EXT_A1"])] == [
        "BTP",
        "TC",
        "CUC_A",
        "CC_A1",
    ]
    assert ancestors(session, world.units["BTP"]) == []


def test_moving_rewrites_every_descendant_path(session, world):
    leaf = make_unit(session, "LEAF", LevelCode.external, world.units["EXT_A1"])
    session.commit()
    update_unit(
        session,
        Actor.system(),
        world.unit_id("CC_A1"),
        UnitUpdate(parent_id=world.unit_id("CUC_B")),
        expected_version=None,
    )
    session.expire_all()
    by_code = {u.code: u for u in session.exec(select(Unit)).all()}
    cc = by_code["CC_A1"]
    assert cc.path == by_code["CUC_B"].path + f"{cc.id:08d}/"
    assert by_code["EXT_A1"].path == cc.path + f"{by_code['EXT_A1'].id:08d}/"
    assert by_code["LEAF"].path == by_code["EXT_A1"].path + f"{leaf.id:08d}/"
    # Units outside the moved subtree keep their paths.
    assert by_code["CC_A2"].path == by_code["CUC_A"].path + f"{by_code['CC_A2'].id:08d}/"
