"""Each workflow, table-driven: for every (workflow, state, caller) the object's
`allowed_actions` are what the rules say — role, token scope, the managing unit and the
state — and every workflow action it does not list is refused (403 or 409) without a change.

The expectations are written out here, apart from app/services/workflow.py, so a change to
an engine table shows up as a failing cell."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import World
from tests.reporting import GOOD

STAFF = {"admin", "reviewer", "reporter"}
REVIEWERS = {"admin", "reviewer"}
# caller key -> (role, write token?); every one of them sits in province A
CALLERS = {
    "admin_a": ("admin", True),
    "reviewer_a": ("reviewer", True),
    "reporter_a1": ("reporter", True),
    "viewer_a": ("viewer", True),
    "admin_a_read": ("admin", False),
}


@dataclass(frozen=True)
class Rule:
    states: frozenset[str]
    roles: frozenset[str]
    body: dict[str, Any] | None = None


def rule(states: set[str], roles: set[str], body: dict[str, Any] | None = None) -> Rule:
    return Rule(frozenset(states), frozenset(roles), body)


# workflow -> action -> who may take it from which states (the managing unit is CUC_A, the
# callers' own province, so its reviewers and administrators manage every campaign here)
RULES: dict[str, dict[str, Rule]] = {
    "report": {
        "submit": rule({"draft", "returned"}, STAFF),
        "approve": rule({"submitted"}, REVIEWERS),
        "return": rule({"submitted"}, REVIEWERS, {"comment": "Sửa lại số liệu"}),
        "reopen": rule({"approved"}, REVIEWERS, {"reason": "Mở lại để sửa"}),
    },
    "registration": {
        "submit": rule({"draft", "returned"}, STAFF),
        "accept": rule({"submitted"}, REVIEWERS),
        "return": rule({"submitted"}, REVIEWERS, {"comment": "Bổ sung danh hiệu"}),
    },
    "nomination": {
        "submit": rule({"draft"}, STAFF),
        "vote": rule({"submitted"}, REVIEWERS, {"members": 7, "present": 7, "yes": 7}),
        "reject": rule({"submitted", "approved"}, REVIEWERS, {"reason": "Chưa đủ tiêu chuẩn"}),
        "decide": rule({"approved"}, REVIEWERS, None),  # body filled in per world
    },
    "campaign": {
        "launch": rule({"draft"}, REVIEWERS),
        "close": rule({"launched"}, REVIEWERS),
    },
}


def expected(workflow: str, state: str, caller: str) -> set[str]:
    role, writes = CALLERS[caller]
    if not writes:
        return set()
    return {a for a, r in RULES[workflow].items() if state in r.states and role in r.roles}


def _ok(r: Any) -> dict[str, Any]:
    assert r.status_code in (200, 201), r.text
    return r.json()


def _seen(r: Any) -> dict[str, Any] | None:
    """The object, or None when it lies outside the caller's sight (a draft campaign is seen
    by the managing unit's subtree only)."""
    return None if r.status_code == 404 else _ok(r)


# ---- objects in each state, and how to read them back ---------------------------------------


@dataclass
class Subject:
    url: str  # the object's actions are POSTed to url + "/" + action
    read: Callable[[str], dict[str, Any] | None]  # the object as `caller` sees it


def _report(api: TestClient, w: World, state: str) -> Subject:
    r = _ok(
        api.post(
            "/api/v1/reports",
            headers=w.headers("reporter_a1"),
            json={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q1", "values": GOOD},
        )
    )
    url = f"/api/v1/reports/{r['id']}"
    steps = {
        "draft": [],
        "submitted": [("reporter_a1", "submit", None)],
        "approved": [("reporter_a1", "submit", None), ("reviewer_a", "approve", None)],
        "returned": [
            ("reporter_a1", "submit", None),
            ("reviewer_a", "return", {"comment": "Sửa lại"}),
        ],
    }[state]
    for user, action, body in steps:
        _ok(api.post(f"{url}/{action}", headers=w.headers(user), json=body))
    return Subject(url, lambda caller: _seen(api.get(url, headers=w.headers(caller))))


def _campaign(api: TestClient, w: World, state: str) -> Subject:
    c = _ok(
        api.post(
            "/api/v1/campaigns",
            headers=w.headers("reviewer_a"),
            json={
                "title": "Thi đua hoàn thành chỉ tiêu năm 2022",
                "kind": "thuong_xuyen",
                "launched_by_id": w.unit_id("CUC_A"),
                "year": 2022,
                "participant_ids": [w.unit_id("CC_A1"), w.unit_id("CC_A2")],
            },
        )
    )
    url = f"/api/v1/campaigns/{c['id']}"
    for action in {"draft": [], "launched": ["launch"], "closed": ["launch", "close"]}[state]:
        _ok(api.post(f"{url}/{action}", headers=w.headers("reviewer_a")))
    return Subject(url, lambda caller: _seen(api.get(url, headers=w.headers(caller))))


def _registration(api: TestClient, w: World, state: str) -> Subject:
    campaign = _campaign(api, w, "launched").url
    reg = _ok(
        api.post(
            f"{campaign}/registrations",
            headers=w.headers("reporter_a1"),
            json={"unit_id": w.unit_id("CC_A1"), "titles": ["TTLDXS"]},
        )
    )
    url = f"{campaign}/registrations/{reg['id']}"
    steps = {
        "draft": [],
        "submitted": [("reporter_a1", "submit", None)],
        "accepted": [("reporter_a1", "submit", None), ("reviewer_a", "accept", None)],
        "returned": [
            ("reporter_a1", "submit", None),
            ("reviewer_a", "return", {"comment": "Bổ sung"}),
        ],
    }[state]
    for user, action, body in steps:
        _ok(api.post(f"{url}/{action}", headers=w.headers(user), json=body))

    def read(caller: str) -> dict[str, Any]:
        items = _ok(api.get(f"{campaign}/registrations", headers=w.headers(caller)))["items"]
        return next(i for i in items if i["id"] == reg["id"])

    return Subject(url, read)


def _nomination(api: TestClient, w: World, state: str) -> Subject:
    n = _ok(
        api.post(
            "/api/v1/nominations",
            headers=w.headers("reporter_a1"),
            json={
                "proposer_id": w.unit_id("CC_A1"),
                "year": 2022,
                "award_type": "CSTDCS",
                "candidate_person_id": w.person_id("staff_a1"),
                "achievements": "Hoàn thành xuất sắc nhiệm vụ",
                "dossier": {
                    "to_trinh": True,
                    "bien_ban": True,
                    "bao_cao_thanh_tich": True,
                    "chung_nhan_sang_kien": True,
                },
            },
        )
    )
    url = f"/api/v1/nominations/{n['id']}"
    vote = {"members": 7, "present": 7, "yes": 7}
    steps = {
        "draft": [],
        "submitted": [("reporter_a1", "submit", None)],
        "approved": [("reporter_a1", "submit", None), ("reviewer_a", "vote", vote)],
        "rejected": [
            ("reporter_a1", "submit", None),
            ("reviewer_a", "reject", {"reason": "Chưa đủ tiêu chuẩn"}),
        ],
    }[state]
    for user, action, body in steps:
        _ok(api.post(f"{url}/{action}", headers=w.headers(user), json=body))
    return Subject(url, lambda caller: _seen(api.get(url, headers=w.headers(caller))))


MAKERS = {
    "report": (_report, ["draft", "submitted", "approved", "returned"]),
    "registration": (_registration, ["draft", "submitted", "accepted", "returned"]),
    "nomination": (_nomination, ["draft", "submitted", "approved", "rejected"]),
    "campaign": (_campaign, ["draft", "launched", "closed"]),
}
CELLS = [(wf, state) for wf, (_, states) in MAKERS.items() for state in states]


def _body(workflow: str, action: str, w: World) -> dict[str, Any] | None:
    if (workflow, action) == ("nomination", "decide"):
        return {
            "number": "12/QĐ-CTHADS",
            "signed_on": "2022-12-20",
            "issuer_id": w.unit_id("CUC_A"),
        }
    return RULES[workflow][action].body


@pytest.mark.parametrize(("workflow", "state"), CELLS, ids=[f"{a}-{b}" for a, b in CELLS])
def test_allowed_actions_follow_the_table_and_nothing_else_passes(
    api: TestClient, figures_world: World, workflow: str, state: str
):
    w = figures_world
    make, _ = MAKERS[workflow]
    subject = make(api, w, state)
    actions = set(RULES[workflow])
    for caller in CALLERS:
        seen = subject.read(caller)
        if seen is None:  # out of sight: every action is not found (or refused by role first)
            for action in sorted(actions):
                r = api.post(
                    f"{subject.url}/{action}",
                    headers=w.headers(caller),
                    json=_body(workflow, action, w),
                )
                assert r.status_code in (403, 404), (caller, action, r.text)
            continue
        assert seen["status"] == state
        offered = set(seen["allowed_actions"]) & actions
        assert offered == expected(workflow, state, caller), caller
        for action in sorted(actions - offered):
            r = api.post(
                f"{subject.url}/{action}",
                headers=w.headers(caller),
                json=_body(workflow, action, w),
            )
            assert r.status_code in (403, 409), (caller, action, r.text)
            assert subject.read(caller)["version"] == seen["version"], (caller, action)  # type: ignore[index]
    # and what is offered is accepted: the first caller offered anything does the first action
    for caller in CALLERS:
        now = subject.read(caller)
        offered = sorted(set(now["allowed_actions"]) & actions) if now else []
        if offered:
            r = api.post(
                f"{subject.url}/{offered[0]}",
                headers=w.headers(caller),
                json=_body(workflow, offered[0], w),
            )
            assert r.status_code == 200, (caller, offered[0], r.text)
            break


def test_a_read_only_token_gets_no_action_on_any_object(api: TestClient, figures_world: World):
    """The campaign's can_edit said true to a read-only token before; it follows `update`."""
    w = figures_world
    campaign = _campaign(api, w, "draft").read("admin_a_read")
    assert campaign and campaign["can_edit"] is False
    assert campaign["allowed_actions"] == ["preview_progress"]  # a read: the manager's preview
    writer = _campaign(api, w, "draft").read("admin_a")
    assert writer and {"update", "launch", "add_document", "add_criterion"} <= set(
        writer["allowed_actions"]
    )
    assert writer["can_edit"] is True
    report = _report(api, w, "draft").read("admin_a_read")
    assert report and report["allowed_actions"] == []
    for path in (f"/units/{w.unit_id('CC_A1')}", f"/people/{w.person_id('staff_a1')}"):
        assert (
            _ok(api.get(f"/api/v1{path}", headers=w.headers("admin_a_read")))["allowed_actions"]
            == []
        )
        assert _ok(api.get(f"/api/v1{path}", headers=w.headers("admin_a")))["allowed_actions"] == [
            "update"
        ]
