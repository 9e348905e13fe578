"""Every reference a client sends in a body is checked: an id that does not exist, or that
lies outside the caller's unit subtree, is a 422 naming that field. Never a 500 (a foreign-key
error from the database), never a write that reaches into another province."""

import pytest

from tests.reporting import GOOD

UNKNOWN = 999_999
V1 = "/api/v1"


def _campaign(api, w, launch=False):
    r = api.post(
        f"{V1}/campaigns",
        headers=w.headers("reviewer_a"),
        json={
            "title": "Phong trào thi đua năm 2022",
            "kind": "thuong_xuyen",
            "launched_by_id": w.unit_id("CUC_A"),
            "year": 2022,
            "participant_ids": [w.unit_id("CC_A1")],
        },
    )
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    if launch:
        assert api.post(f"{V1}/campaigns/{cid}/launch", headers=w.headers("reviewer_a")).is_success
    return cid


def _decision(api, w):
    r = api.post(
        f"{V1}/decisions",
        headers=w.headers("reviewer_a"),
        json={
            "number": "415/QĐ-CTHADS",
            "signed_on": "2022-12-20",
            "issuer_id": w.unit_id("CUC_A"),
            "kind": "cong_trang",
            "year": 2022,
            "awards": [{"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("staff_a1")}],
        },
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _approved_nomination(api, w):
    dossier = {"to_trinh": True, "bien_ban": True, "bao_cao_thanh_tich": True}
    dossier["chung_nhan_sang_kien"] = True
    n = api.post(
        f"{V1}/nominations",
        headers=w.headers("reporter_a1"),
        json={
            "proposer_id": w.unit_id("CC_A1"),
            "year": 2022,
            "award_type": "CSTDCS",
            "candidate_person_id": w.person_id("staff_a1"),
            "achievements": "Hoàn thành xuất sắc nhiệm vụ",
            "dossier": dossier,
        },
    ).json()
    api.post(f"{V1}/nominations/{n['id']}/submit", headers=w.headers("reporter_a1"))
    voted = api.post(
        f"{V1}/nominations/{n['id']}/vote",
        headers=w.headers("reviewer_a"),
        json={"members": 7, "present": 7, "yes": 7},
    )
    assert voted.json()["status"] == "approved", voted.text
    return n["id"]


# name: (user, method, path(api, w), valid body(w), field, kind of reference)
# The path and body are built per test; `field` is set to an unknown id and to one from the
# other province. Lists are probed through their first element.
CASES = {
    "unit create parent": (
        "admin_a",
        "post",
        lambda api, w: "/units",
        lambda w: {"code": "CC_NEW", "name": "Chi cục mới", "kind": "district_office"},
        "parent_id",
        "unit",
    ),
    "unit update parent": (
        "admin_a",
        "patch",
        lambda api, w: f"/units/{w.unit_id('CC_A2')}",
        lambda w: {},
        "parent_id",
        "unit",
    ),
    "person create unit": (
        "reviewer_a",
        "post",
        lambda api, w: "/people",
        lambda w: {"full_name": "Võ Thị Giang"},
        "unit_id",
        "unit",
    ),
    "person update unit": (
        "reviewer_a",
        "patch",
        lambda api, w: f"/people/{w.person_id('staff_a1')}",
        lambda w: {},
        "unit_id",
        "unit",
    ),
    "user create unit": (
        "admin_a",
        "post",
        lambda api, w: "/users",
        lambda w: {
            "username": "moi.nguoi",
            "full_name": "Người mới",
            "role": "reporter",
            "password": "a sufficiently long password",
        },
        "unit_id",
        "unit",
    ),
    "user update unit": (
        "admin_a",
        "patch",
        lambda api, w: f"/users/{w.users['reporter_a2'].id}",
        lambda w: {},
        "unit_id",
        "unit",
    ),
    "report unit": (
        "reviewer_a",
        "post",
        lambda api, w: "/reports",
        lambda w: {"period": "2022-Q1", "values": GOOD},
        "unit_id",
        "unit",
    ),
    "period exception unit": (
        "admin_a",
        "post",
        lambda api, w: "/periods/2022-Q1/exceptions",
        lambda w: {"reason": "Mở lại để sửa số liệu"},
        "unit_id",
        "unit",
    ),
    "campaign launcher": (
        "reviewer_a",
        "post",
        lambda api, w: "/campaigns",
        lambda w: {"title": "Đợt thi đua", "kind": "thuong_xuyen", "year": 2022},
        "launched_by_id",
        "unit",
    ),
    "campaign owner": (
        "reviewer_a",
        "post",
        lambda api, w: "/campaigns",
        lambda w: {
            "title": "Đợt thi đua",
            "kind": "thuong_xuyen",
            "year": 2022,
            "launched_by_id": w.unit_id("CUC_A"),
        },
        "owner_unit_id",
        "unit",
    ),
    "campaign parent": (
        "reviewer_a",
        "post",
        lambda api, w: "/campaigns",
        lambda w: {
            "title": "Đợt thi đua",
            "kind": "thuong_xuyen",
            "year": 2022,
            "launched_by_id": w.unit_id("CUC_A"),
        },
        "parent_id",
        "campaign",
    ),
    "campaign participants": (
        "reviewer_a",
        "post",
        lambda api, w: "/campaigns",
        lambda w: {
            "title": "Đợt thi đua",
            "kind": "thuong_xuyen",
            "year": 2022,
            "launched_by_id": w.unit_id("CUC_A"),
        },
        "participant_ids",
        "unit",
    ),
    "campaign update launcher": (
        "reviewer_a",
        "patch",
        lambda api, w: f"/campaigns/{_campaign(api, w)}",
        lambda w: {},
        "launched_by_id",
        "unit",
    ),
    "campaign update parent": (
        "reviewer_a",
        "patch",
        lambda api, w: f"/campaigns/{_campaign(api, w)}",
        lambda w: {},
        "parent_id",
        "campaign",
    ),
    "campaign update participants": (
        "reviewer_a",
        "patch",
        lambda api, w: f"/campaigns/{_campaign(api, w)}",
        lambda w: {},
        "participant_ids",
        "unit",
    ),
    "registration unit": (
        "reviewer_a",
        "post",
        lambda api, w: f"/campaigns/{_campaign(api, w, launch=True)}/registrations",
        lambda w: {"titles": ["TTLDXS"]},
        "unit_id",
        "unit",
    ),
    "registration person": (
        "reviewer_a",
        "post",
        lambda api, w: f"/campaigns/{_campaign(api, w, launch=True)}/registrations",
        lambda w: {"unit_id": w.unit_id("CC_A1"), "titles": ["CSTDCS"]},
        "person_id",
        "person",
    ),
    "exemplar unit": (
        "reviewer_a",
        "post",
        lambda api, w: f"/campaigns/{_campaign(api, w, launch=True)}/exemplars",
        lambda w: {"title": "Điển hình tiên tiến", "reason": "Dẫn đầu phong trào"},
        "unit_id",
        "unit",
    ),
    "exemplar person": (
        "reviewer_a",
        "post",
        lambda api, w: f"/campaigns/{_campaign(api, w, launch=True)}/exemplars",
        lambda w: {"title": "Điển hình tiên tiến", "reason": "Dẫn đầu phong trào"},
        "person_id",
        "person",
    ),
    "decision issuer": (
        "reviewer_a",
        "post",
        lambda api, w: "/decisions",
        lambda w: {
            "number": "416/QĐ-CTHADS",
            "signed_on": "2022-12-20",
            "kind": "cong_trang",
            "year": 2022,
            "awards": [{"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("staff_a1")}],
        },
        "issuer_id",
        "unit",
    ),
    "decision campaign": (
        "reviewer_a",
        "post",
        lambda api, w: "/decisions",
        lambda w: {
            "number": "417/QĐ-CTHADS",
            "signed_on": "2022-12-20",
            "issuer_id": w.unit_id("CUC_A"),
            "kind": "cong_trang",
            "year": 2022,
            "awards": [{"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("staff_a1")}],
        },
        "campaign_id",
        "campaign",
    ),
    "decision recipient person": (
        "reviewer_a",
        "post",
        lambda api, w: "/decisions",
        lambda w: {
            "number": "418/QĐ-CTHADS",
            "signed_on": "2022-12-20",
            "issuer_id": w.unit_id("CUC_A"),
            "kind": "cong_trang",
            "year": 2022,
            "awards": [{"award_type": "GIAY_KHEN"}],
        },
        "awards.0.recipient_person_id",
        "person",
    ),
    "decision recipient unit": (
        "reviewer_a",
        "post",
        lambda api, w: "/decisions",
        lambda w: {
            "number": "419/QĐ-CTHADS",
            "signed_on": "2022-12-20",
            "issuer_id": w.unit_id("CUC_A"),
            "kind": "cong_trang",
            "year": 2022,
            "awards": [{"award_type": "GIAY_KHEN"}],
        },
        "awards.0.recipient_unit_id",
        "unit",
    ),
    "decision update campaign": (
        "reviewer_a",
        "patch",
        lambda api, w: f"/decisions/{_decision(api, w)}",
        lambda w: {},
        "campaign_id",
        "campaign",
    ),
    "nomination proposer": (
        "reviewer_a",
        "post",
        lambda api, w: "/nominations",
        lambda w: {
            "year": 2022,
            "award_type": "CSTDCS",
            "candidate_person_id": w.person_id("staff_a1"),
            "achievements": "Hoàn thành xuất sắc nhiệm vụ",
        },
        "proposer_id",
        "unit",
    ),
    "nomination candidate person": (
        "reviewer_a",
        "post",
        lambda api, w: "/nominations",
        lambda w: {
            "proposer_id": w.unit_id("CC_A1"),
            "year": 2022,
            "award_type": "CSTDCS",
            "achievements": "Hoàn thành xuất sắc nhiệm vụ",
        },
        "candidate_person_id",
        "person",
    ),
    "nomination candidate unit": (
        "reviewer_a",
        "post",
        lambda api, w: "/nominations",
        lambda w: {
            "proposer_id": w.unit_id("CUC_A"),
            "year": 2022,
            "award_type": "TTLDXS",
            "achievements": "Hoàn thành xuất sắc nhiệm vụ",
        },
        "candidate_unit_id",
        "unit",
    ),
    "nomination decide onto decision": (
        "reviewer_a",
        "post",
        lambda api, w: f"/nominations/{_approved_nomination(api, w)}/decide",
        lambda w: {},
        "decision_id",
        "decision",
    ),
    "nomination decide issuer": (
        "reviewer_a",
        "post",
        lambda api, w: f"/nominations/{_approved_nomination(api, w)}/decide",
        lambda w: {"number": "421/QĐ-CTHADS", "signed_on": "2022-12-21"},
        "issuer_id",
        "unit",
    ),
    "initiative authors": (
        "reviewer_a",
        "post",
        lambda api, w: "/initiatives",
        lambda w: {
            "title": "Sáng kiến rút ngắn thời gian xác minh",
            "year": 2022,
            "scope": "co_so",
            "recognised_by": "Hội đồng sáng kiến Cục THADS",
        },
        "author_ids",
        "person",
    ),
    "targets unit": (
        "admin_a",
        "put",
        lambda api, w: "/targets?year=2022",
        lambda w: {"items": [{"indicator": "ty_le_viec", "value": 82.0}]},
        "items.0.unit_id",
        "unit",
    ),
}


def _other_province(api, w, kind):
    """A real id the caller cannot see: province B's."""
    if kind == "unit":
        return w.unit_id("CC_B1")
    if kind == "person":
        return w.person_id("staff_b1")
    if kind == "campaign":
        r = api.post(
            f"{V1}/campaigns",
            headers=w.headers("admin_b"),
            json={
                "title": "Phong trào tỉnh Trà Vinh",
                "kind": "thuong_xuyen",
                "launched_by_id": w.unit_id("CUC_B"),
                "year": 2022,
            },
        )
        assert r.status_code == 201, r.text
        return r.json()["id"]
    if kind == "decision":
        r = api.post(
            f"{V1}/decisions",
            headers=w.headers("admin_b"),
            json={
                "number": "99/QĐ-CTHADS",
                "signed_on": "2022-12-20",
                "issuer_id": w.unit_id("CUC_B"),
                "kind": "cong_trang",
                "year": 2022,
                "awards": [
                    {"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("staff_b1")}
                ],
            },
        )
        assert r.status_code == 201, r.text
        return r.json()["id"]
    raise AssertionError(kind)


def _with(body: dict, field: str, value: int) -> dict:
    """Sets `field` (a dotted path; a list field gets a one-element list)."""
    parts = field.split(".")
    target = body
    for i, part in enumerate(parts[:-1]):
        target = target[int(part)] if part.isdigit() else target[part]
        del i
    last = parts[-1]
    target[last] = [value] if last.endswith("_ids") else value
    return body


@pytest.mark.parametrize("which", ["unknown", "other province"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_reference_is_a_422_naming_its_field(api, figures_world, name, which):
    w = figures_world
    user, method, path, body, field, kind = CASES[name]
    url = V1 + path(api, w)
    ref = UNKNOWN if which == "unknown" else _other_province(api, w, kind)
    r = api.request(method, url, headers=w.headers(user), json=_with(body(w), field, ref))
    assert r.status_code == 422, r.text
    fields = {e["field"] for e in r.json()["errors"]}
    expected = f"{field}.0" if field.endswith("_ids") else field
    assert fields & {field, expected}, r.json()
