"""The council's vote is stored as numbers and a code; its reason is written in the reader's
language (Accept-Language), Vietnamese by default."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.models.awards import Nomination
from tests.factories import World


def _rejected_by_vote(api: TestClient, w: World) -> int:
    n = api.post(
        "/api/v1/nominations",
        headers=w.headers("reporter_a1"),
        json={
            "proposer_id": w.unit_id("CC_A1"),
            "year": 2022,
            "award_type": "CSTDCS",
            "candidate_person_id": w.person_id("staff_a1"),
            "dossier": {
                "to_trinh": True,
                "bien_ban": True,
                "bao_cao_thanh_tich": True,
                "chung_nhan_sang_kien": True,
            },
        },
    ).json()
    url = f"/api/v1/nominations/{n['id']}"
    assert api.post(f"{url}/submit", headers=w.headers("reporter_a1")).status_code == 200
    voted = api.post(
        f"{url}/vote",
        headers=w.headers("reviewer_a"),
        json={"members": 7, "present": 6, "yes": 3},
    )
    assert voted.status_code == 200 and voted.json()["status"] == "rejected"
    return n["id"]


def test_the_council_reason_follows_accept_language(
    api: TestClient, figures_world: World, session: Session
):
    w = figures_world
    nid = _rejected_by_vote(api, w)
    url = f"/api/v1/nominations/{nid}"
    english = api.get(url, headers=w.headers("reviewer_a", **{"Accept-Language": "en"})).json()
    assert english["reason"].startswith("The council did not pass it: 3/7 members in favour")
    assert "(42.9 %)" in english["reason"] and "≥ 4 votes" in english["reason"]
    assert english["vote"]["rule"].startswith("3/7 members in favour")
    assert english["vote_rule"] == "More than half of all council members must vote for it"
    vietnamese = api.get(url, headers=w.headers("reviewer_a")).json()
    assert vietnamese["reason"].startswith(
        "Hội đồng không thông qua: 3/7 thành viên đồng ý (42,9 %); cần quá nửa tổng số thành "
        "viên, tức ≥ 4 phiếu"
    )
    listed = api.get(
        "/api/v1/nominations", headers=w.headers("reviewer_a", **{"Accept-Language": "en"})
    ).json()["items"]
    assert listed[0]["reason"] == english["reason"]
    # what is stored is not bound to a language: numbers and the outcome's code
    stored = session.get(Nomination, nid)
    assert stored is not None and stored.reason is None
    assert stored.vote is not None
    assert (stored.vote["outcome"], stored.vote["yes"], stored.vote["need"]) == ("majority", 3, 4)
    assert "rule" not in stored.vote
