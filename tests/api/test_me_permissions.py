"""/me says what the caller may do (`permissions`) and whether their unit reports figures,
so the pages keep no role sets or unit kinds of their own."""

from fastapi.testclient import TestClient

from app.services.scope import PERMISSIONS
from tests.factories import World

READS = {"units.read", "people.read", "reports.read", "campaigns.read", "awards.read"}


def _me(api: TestClient, w: World, user: str) -> dict:
    r = api.get("/api/v1/me", headers=w.headers(user))
    assert r.status_code == 200, r.text
    return r.json()


def test_permissions_follow_the_role(api: TestClient, world: World):
    admin = _me(api, world, "admin_a")
    assert admin["permissions"] == sorted(PERMISSIONS)  # the administrator may do everything
    assert admin["username"] == "admin_a" and admin["scope"] == "write"  # fields kept
    reporter = _me(api, world, "reporter_a1")["permissions"]
    assert reporter == sorted(reporter)
    assert {"reports.write", "registrations.write", "nominations.write"} <= set(reporter)
    assert not {"reports.review", "users.write", "campaigns.write"} & set(reporter)
    viewer = set(_me(api, world, "viewer_a")["permissions"])
    assert viewer == READS


def test_a_read_only_token_gets_only_the_read_permissions(api: TestClient, world: World):
    me = _me(api, world, "admin_a_read")
    assert me["scope"] == "read"
    assert "reports.read" in me["permissions"] and "audit.read" in me["permissions"]
    assert not [p for p in me["permissions"] if p.endswith((".write", ".review", ".manage"))]


def test_me_says_whether_the_unit_reports_figures(api: TestClient, world: World):
    assert _me(api, world, "reporter_a1")["unit"]["reports_figures"] is True  # a Chi cục
    assert _me(api, world, "admin_a")["unit"]["reports_figures"] is True  # a Cục
    ancestors = _me(api, world, "admin_a")["ancestors"]
    assert [u["reports_figures"] for u in ancestors] == [False, False]  # Ministry, General Dept
    units = api.get("/api/v1/units?limit=100", headers=world.headers("admin_a")).json()["items"]
    by_code = {u["code"]: u["reports_figures"] for u in units}
    assert by_code["OFFICE_A"] is False and by_code["EXT_A"] is False and by_code["CC_A2"] is True
