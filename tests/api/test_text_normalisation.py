"""Text that looks the same is stored the same (NFC), found the same and counted once; text that
hides what it holds (direction overrides, only invisible characters, control characters) is
refused with 422 naming the field."""

import unicodedata
from typing import Any

import pytest

from tests.api.helpers import error_fields, problem
from tests.factories import World

NAME = "Nguyễn Thị Hương"
NFC = unicodedata.normalize("NFC", NAME)
NFD = unicodedata.normalize("NFD", NAME)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def person_body(w: World) -> dict[str, Any]:
    return {"full_name": "Võ Văn Tám", "unit_id": w.unit_id("CC_A1"), "position": "Chấp hành viên"}


def unit_body(w: World) -> dict[str, Any]:
    return {
        "code": "NEW",
        "name": "Đơn vị mới",
        "kind": "external",
        "parent_id": w.unit_id("CUC_A"),
    }


def campaign_body(w: World) -> dict[str, Any]:
    return {
        "title": "Phong trào thi đua năm 2022",
        "kind": "thuong_xuyen",
        "launched_by_id": w.unit_id("CUC_A"),
        "year": 2022,
        "participant_ids": [w.unit_id("CC_A1")],
    }


def decision_body(w: World, number: str = "415/QĐ-CTHADS") -> dict[str, Any]:
    return {
        "number": number,
        "signed_on": "2022-12-20",
        "issuer_id": w.unit_id("CUC_A"),
        "kind": "cong_trang",
        "year": 2022,
        "awards": [{"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("staff_a1")}],
    }


# (path, valid body, field, the field is several lines)
FIELDS = [
    ("/people", person_body, "full_name", False),
    ("/people", person_body, "position", False),
    ("/units", unit_body, "name", False),
    ("/units", unit_body, "address", False),
    ("/campaigns", campaign_body, "title", False),
    ("/campaigns", campaign_body, "slogan", False),
    ("/campaigns", campaign_body, "objectives", True),
    ("/decisions", decision_body, "number", False),
    ("/decisions", decision_body, "title", False),
]
BAD = {
    "right-to-left override": "\u202eNguyễn Văn An",
    "isolate": "An \u2067Bình\u2069",
    "zero-width only": "\u200b\u200d",
    "BOM only": "\ufeff",
    "spaces and BOM": "  \ufeff  ",
    "bell": "Tên\x07",
    "escape": "Tên\x1b[2J",
    "DEL": "Tên\x7fkhác",
}
SINGLE_LINE_ONLY = {"line break": "Tên\nkhác", "tab": "Tên\tkhác"}
CASES = [
    (path, body, field, label, value)
    for path, body, field, multiline in FIELDS
    for label, value in (BAD | ({} if multiline else SINGLE_LINE_ONLY)).items()
]


@pytest.mark.parametrize(
    ("path", "body", "field", "label", "value"),
    CASES,
    ids=[f"{p} {f} {label}" for p, _, f, label, _ in CASES],
)
def test_hidden_or_invisible_text_is_422_naming_the_field(
    api, figures_world, path, body, field, label, value
):
    w = figures_world
    r = api.post("/api/v1" + path, json={**body(w), field: value}, headers=w.headers("admin_a"))
    assert error_fields(r) == {field}, label


def test_the_refusal_says_why_in_vietnamese_and_english(api, world):
    w = world
    sent = {**person_body(w), "full_name": "\u202eAn"}
    r = api.post("/api/v1/people", json=sent, headers=w.headers("admin_a"))
    assert problem(r, 422)["errors"] == [
        {
            "field": "full_name",
            "message": "Không được chứa ký tự điều khiển hướng văn bản",
            "code": "text_bidi",
        }
    ]
    r = api.post(
        "/api/v1/people",
        json={**person_body(w), "full_name": "\u200b"},
        headers=w.headers("admin_a", **{"Accept-Language": "en"}),
    )
    assert r.json()["errors"][0]["message"] == "Must contain visible characters"


def test_a_long_text_keeps_its_lines(api, figures_world):
    w = figures_world
    sent = {**campaign_body(w), "objectives": "Mục tiêu 1\r\nMục tiêu 2\n\t- chi tiết"}
    r = api.post("/api/v1/campaigns", json=sent, headers=w.headers("reviewer_a"))
    assert r.status_code == 201, r.text
    assert r.json()["objectives"] == "Mục tiêu 1\r\nMục tiêu 2\n\t- chi tiết"


def test_invisible_ends_are_trimmed(api, world):
    w = world
    sent = {**person_body(w), "full_name": "\ufeff Võ Văn Tám\u200b"}
    r = api.post("/api/v1/people", json=sent, headers=w.headers("admin_a"))
    assert r.status_code == 201, r.text
    assert r.json()["full_name"] == "Võ Văn Tám"


def _people(api, w: World, q: str) -> list[str]:
    r = api.get("/api/v1/people", params={"q": q}, headers=w.headers("admin_a"))
    assert r.status_code == 200, r.text
    return [p["full_name"] for p in r.json()["items"]]


@pytest.mark.parametrize(("sent", "searched"), [(NFD, NFC), (NFC, NFD)], ids=["nfd", "nfc"])
def test_a_name_is_stored_composed_and_found_in_either_form(api, world, sent, searched):
    w = world
    r = api.post(
        "/api/v1/people", json={**person_body(w), "full_name": sent}, headers=w.headers("admin_a")
    )
    assert r.status_code == 201, r.text
    assert r.json()["full_name"] == NFC
    person = api.get(f"/api/v1/people/{r.json()['id']}", headers=w.headers("admin_a")).json()
    assert person["full_name"] == NFC
    assert _people(api, w, searched) == [NFC]
    assert _people(api, w, searched.split()[-1]) == [NFC]  # "Hương" alone, either form
    assert _people(api, w, "huong") == [NFC]


def test_a_unit_name_sent_decomposed_is_stored_composed_and_found(api, world):
    w = world
    sent = {**unit_body(w), "name": nfd("Công an xã Mỹ Thạnh")}
    r = api.post("/api/v1/units", json=sent, headers=w.headers("admin_a"))
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "Công an xã Mỹ Thạnh"
    found = api.get(
        "/api/v1/units", params={"q": nfd("Mỹ Thạnh")}, headers=w.headers("admin_a")
    ).json()
    assert [u["code"] for u in found["items"]] == ["NEW"]
    renamed = api.patch(
        f"/api/v1/units/{r.json()['id']}",
        json={"name": nfd("Công an xã Tân Phú")},
        headers=w.headers("admin_a"),
    )
    assert renamed.json()["name"] == "Công an xã Tân Phú"


def test_a_campaign_title_sent_decomposed_is_found_by_its_composed_words(api, figures_world):
    w = figures_world
    title = "Thi đua “Đồng Khởi mới”"
    sent = {**campaign_body(w), "title": nfd(title)}
    r = api.post("/api/v1/campaigns", json=sent, headers=w.headers("reviewer_a"))
    assert r.status_code == 201, r.text
    assert r.json()["title"] == title
    found = api.get("/api/v1/campaigns", params={"q": "Khởi mới"}, headers=w.headers("reviewer_a"))
    assert [c["id"] for c in found.json()["items"]] == [r.json()["id"]]


def test_one_decision_number_in_two_forms_is_one_number(api, figures_world):
    w = figures_world
    number = "7/QĐ-Khen thưởng"
    first = api.post(
        "/api/v1/decisions", json=decision_body(w, number), headers=w.headers("reviewer_a")
    )
    assert first.status_code == 201, first.text
    assert first.json()["number"] == number
    again = api.post(
        "/api/v1/decisions", json=decision_body(w, nfd(number)), headers=w.headers("reviewer_a")
    )
    assert problem(again, 422)["errors"][0]["field"] == "number"
    assert again.json()["errors"][0]["code"] == "unique"
    found = api.get(
        "/api/v1/decisions", params={"q": nfd("Khen thưởng")}, headers=w.headers("reviewer_a")
    )
    assert [d["number"] for d in found.json()["items"]] == [number]


def test_a_password_is_kept_exactly_as_sent(api, world):
    """Passwords are not normalised: the bytes set are the bytes that log in."""
    w = world
    password = nfd("mật khẩu thật dài")
    r = api.post(
        "/api/v1/users",
        json={
            "username": "exact.pw",
            "full_name": "Tên",
            "role": "viewer",
            "unit_id": w.unit_id("CC_A1"),
            "password": password,
        },
        headers=w.headers("admin_a"),
    )
    assert r.status_code == 201, r.text
    login = api.post("/api/v1/auth/token", data={"username": "exact.pw", "password": password})
    assert login.status_code == 200, login.text
