"""Races through a real server with real threads, on the suite's database (SQLite file or
PostgreSQL): a version is won once, a transition happens once, and nothing acknowledged is lost.

SQLite ignores SELECT … FOR UPDATE; these tests failed there before versions were compared and
set in the UPDATE itself (two same-ETag PATCHes both answered 200, two of 50 submits won)."""

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlmodel import Session, func, select

from app.models.reports import ReportEvent
from bench.live import live_server
from tests.api.conftest import shared_api
from tests.reporting import GOOD


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with live_server(shared_api()) as url:
        yield url


def at_once(count: int, call: Callable[[httpx.Client, int], httpx.Response]) -> list[int]:
    """`count` threads, each with its own connection, released together; their statuses."""
    barrier = threading.Barrier(count)

    def one(i: int) -> int:
        with httpx.Client(timeout=60) as client:
            barrier.wait(timeout=30)
            return call(client, i).status_code

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def new_report(base_url: str, w) -> dict:
    r = httpx.post(
        f"{base_url}/api/v1/reports",
        headers=w.headers("reporter_a1"),
        json={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q1", "values": GOOD},
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_two_patches_with_the_same_etag_one_wins(base_url, figures_world):
    w = figures_world
    report = new_report(base_url, w)
    url = f"{base_url}/api/v1/reports/{report['id']}"
    version = report["version"]
    for round_ in range(20):
        etag = f'"{version}"'

        def patch(client: httpx.Client, i: int, etag: str = etag, round_: int = round_):
            value = GOOD["viec_thu_ly_moi"] + 1 + round_ * 2 + i  # never the current value
            return client.patch(
                url,
                headers=w.headers("reporter_a1", **{"If-Match": etag}),
                json={"values": {"viec_thu_ly_moi": value}},
            )

        assert sorted(at_once(2, patch)) == [200, 412], f"round {round_}"
        version += 1
    now = httpx.get(url, headers=w.headers("reporter_a1")).json()
    assert now["version"] == version  # every acknowledged write is one version, none lost


def test_fifty_simultaneous_submits_one_wins(base_url, figures_world, session: Session):
    w = figures_world
    report = new_report(base_url, w)
    url = f"{base_url}/api/v1/reports/{report['id']}/submit"
    statuses = at_once(50, lambda c, _i: c.post(url, headers=w.headers("reporter_a1")))
    assert Counter(statuses) == {200: 1, 409: 49}
    submits = session.exec(
        select(func.count())
        .select_from(ReportEvent)
        .where(ReportEvent.report_id == report["id"], ReportEvent.action == "submit")
    ).one()
    assert submits == 1


def test_writers_lose_no_acknowledged_update(base_url, figures_world):
    """Eight writers each read, change and write back with If-Match, over and over: the
    version advances exactly by the number of writes that were answered 200."""
    w = figures_world
    report = new_report(base_url, w)
    url = f"{base_url}/api/v1/reports/{report['id']}"
    acknowledged = Counter()

    def writer(client: httpx.Client, i: int) -> httpx.Response:
        last = None
        for attempt in range(12):
            current = client.get(url, headers=w.headers("reporter_a1"))
            etag = current.headers["etag"]
            last = client.patch(
                url,
                headers=w.headers("reporter_a1", **{"If-Match": etag}),
                json={"values": {"viec_thu_ly_moi": 500001 + i * 100 + attempt}},  # never current
            )
            assert last.status_code in (200, 412, 503), last.text
            acknowledged[last.status_code] += 1
        return last

    at_once(8, writer)
    final = httpx.get(url, headers=w.headers("reporter_a1")).json()
    assert acknowledged[200] >= 1
    assert final["version"] - report["version"] == acknowledged[200]


# ---- every versioned resource: same-ETag writes and one-shot transitions ------------------


def _post(base_url: str, w, user: str, path: str, body: dict | None = None) -> dict:
    r = httpx.post(f"{base_url}/api/v1{path}", headers=w.headers(user), json=body)
    assert r.status_code in (200, 201), r.text
    return r.json()


def _campaign(base_url: str, w, launch: bool = False) -> dict:
    c = _post(
        base_url,
        w,
        "reviewer_a",
        "/campaigns",
        {
            "title": "Đợt thi đua cao điểm quý IV",
            "kind": "thuong_xuyen",
            "launched_by_id": w.unit_id("CUC_A"),
            "year": 2022,
            "participant_ids": [w.unit_id("CC_A1"), w.unit_id("CC_A2")],
        },
    )
    if launch:
        c = _post(base_url, w, "reviewer_a", f"/campaigns/{c['id']}/launch")
    return c


def _registration(base_url: str, w, submit: bool) -> tuple[int, int]:
    cid = _campaign(base_url, w, launch=True)["id"]
    reg = _post(
        base_url,
        w,
        "reporter_a1",
        f"/campaigns/{cid}/registrations",
        {"unit_id": w.unit_id("CC_A1"), "titles": ["TTLDXS"]},
    )
    if submit:
        _post(base_url, w, "reporter_a1", f"/campaigns/{cid}/registrations/{reg['id']}/submit")
    return cid, reg["id"]


def _decision(base_url: str, w) -> dict:
    return _post(
        base_url,
        w,
        "reviewer_a",
        "/decisions",
        {
            "number": "415/QĐ-CTHADS",
            "signed_on": "2022-12-20",
            "issuer_id": w.unit_id("CUC_A"),
            "kind": "cong_trang",
            "year": 2022,
            "awards": [{"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("staff_a1")}],
        },
    )


def _nomination(base_url: str, w, submit: bool) -> dict:
    n = _post(
        base_url,
        w,
        "reporter_a1",
        "/nominations",
        {
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
    if submit:
        n = _post(base_url, w, "reporter_a1", f"/nominations/{n['id']}/submit")
    return n


# name: (user, set-up returning the resource's URL, a change that differs per thread)
SAME_ETAG = {
    "person": ("reviewer_a", lambda b, w: f"/people/{w.person_id('staff_a1')}", "position"),
    "unit": ("admin_a", lambda b, w: f"/units/{w.unit_id('CC_A1')}", "address"),
    "user": ("admin_a", lambda b, w: f"/users/{w.users['reporter_a2'].id}", "full_name"),
    "campaign": ("reviewer_a", lambda b, w: f"/campaigns/{_campaign(b, w)['id']}", "title"),
    "decision": ("reviewer_a", lambda b, w: f"/decisions/{_decision(b, w)['id']}", "title"),
    "nomination": (
        "reporter_a1",
        lambda b, w: f"/nominations/{_nomination(b, w, submit=False)['id']}",
        "achievements",
    ),
}


@pytest.mark.parametrize("name", sorted(SAME_ETAG))
def test_same_etag_on_every_resource_one_wins(base_url, figures_world, name):
    w = figures_world
    user, make, field = SAME_ETAG[name]
    url = f"{base_url}/api/v1{make(base_url, w)}"
    before = httpx.get(url, headers=w.headers(user))
    etag = before.headers["etag"]
    for round_ in range(5):
        statuses = at_once(
            2,
            lambda c, i, etag=etag, round_=round_: c.patch(
                url,
                headers=w.headers(user, **{"If-Match": etag}),
                json={field: f"Giá trị {round_}.{i} của {name}"},  # never the current value
            ),
        )
        assert sorted(statuses) == [200, 412]
        etag = httpx.get(url, headers=w.headers(user)).headers["etag"]
    assert etag == f'"{int(before.headers["etag"].strip(chr(34))) + 5}"'


def _launch(b, w):
    return "reviewer_a", f"/campaigns/{_campaign(b, w)['id']}/launch", None


def _submit_registration(b, w):
    cid, rid = _registration(b, w, submit=False)
    return "reporter_a1", f"/campaigns/{cid}/registrations/{rid}/submit", None


def _accept_registration(b, w):
    cid, rid = _registration(b, w, submit=True)
    return "reviewer_a", f"/campaigns/{cid}/registrations/{rid}/accept", None


def _submit_nomination(b, w):
    return "reporter_a1", f"/nominations/{_nomination(b, w, submit=False)['id']}/submit", None


def _vote(b, w):
    n = _nomination(b, w, submit=True)
    return "reviewer_a", f"/nominations/{n['id']}/vote", {"members": 7, "present": 7, "yes": 7}


def _approve_report(b, w):
    report = new_report(b, w)
    _post(b, w, "reporter_a1", f"/reports/{report['id']}/submit")
    return "reviewer_a", f"/reports/{report['id']}/approve", None


def _revoke(b, w):
    award_id = _decision(b, w)["awards"][0]["id"]
    return "reviewer_a", f"/awards/{award_id}/revoke", {"reason": "Thu hồi theo kết luận"}


TRANSITIONS = {
    "campaign launch": _launch,
    "registration submit": _submit_registration,
    "registration accept": _accept_registration,
    "nomination submit": _submit_nomination,
    "nomination vote": _vote,
    "report approve": _approve_report,
    "award revoke": _revoke,
}


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_a_transition_happens_once(base_url, figures_world, name):
    w = figures_world
    user, path, body = TRANSITIONS[name](base_url, w)
    url = f"{base_url}/api/v1{path}"
    statuses = at_once(12, lambda c, _i: c.post(url, headers=w.headers(user), json=body))
    assert Counter(statuses) == {200: 1, 409: 11}
