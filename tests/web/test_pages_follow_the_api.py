"""The pages show what the API allows, and nothing of their own: page buttons follow
`me.permissions`, an object's buttons its `allowed_actions`, and a refused post shows the API's
reason. A read-only personal token signs the pages in as its admin, but offers nothing to write."""

import re
from pathlib import Path

import pytest

from tests.web.conftest import page_token, signed_in
from tests.web.html import links, one, select, text
from tests.web.test_reports_form import api_headers, report_of, unit_id

WEB = Path(__file__).resolve().parents[2] / "app" / "web"
SESSION_COOKIE = "thidua_session"


def _draft_campaign(api, world) -> int:
    """A draft campaign managed by Cục A, with one office taking part (through the API)."""
    response = api.post(
        "/api/v1/campaigns",
        headers=world.headers("admin_a"),
        json={
            "title": "Đợt thi đua cao điểm quý II",
            "kind": "cao_diem",
            "launched_by_id": world.unit_id("CUC_A"),
            "owner_unit_id": world.unit_id("CUC_A"),
            "starts_on": "2022-04-01",
            "ends_on": "2022-06-30",
            "participant_ids": [world.unit_id("CC_A1")],
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _read_only(web, world):
    """The pages with the admin's read-only personal token as the session."""
    web.cookies.set(SESSION_COOKIE, world.tokens["admin_a_read"])
    return web


def test_a_read_only_token_offers_no_button_to_write_though_its_user_is_an_admin(web, api, world):
    campaign = _draft_campaign(api, world)
    office = world.unit_id("CC_A1")
    signed_in(web, "admin_a")  # the same admin with a session that writes: every button
    assert "/campaigns/new" in links(web.get("/campaigns"))
    page = web.get(f"/campaigns/{campaign}").text
    assert select(page, f'form[action="/campaigns/{campaign}/launch"] button[type="submit"]')
    assert f"/campaigns/{campaign}/edit" in links(page)
    assert "/people/new" in links(web.get("/people"))
    assert select(web.get(f"/units/{office}"), "form#unit-form")
    assert "/decisions/new" in links(web.get("/decisions"))

    _read_only(web, world)
    assert "Phong trào mới" not in web.get("/campaigns").text
    page = web.get(f"/campaigns/{campaign}").text
    assert text(one(page, "h1")) == "Đợt thi đua cao điểm quý II"  # it reads
    assert "/launch" not in page and "/edit" not in page and "Sửa phong trào" not in page
    assert "Thêm tài liệu" not in page
    assert "/people/new" not in links(web.get("/people"))
    assert not select(web.get(f"/units/{office}"), "#unit-form")
    assert "/decisions/new" not in links(web.get("/decisions"))
    assert web.get("/campaigns/new").status_code == 403


@pytest.mark.parametrize(
    ("username", "offered"),
    [
        ("admin_a", True),
        ("reviewer_a", True),
        ("reporter_a1", False),
        ("viewer_a", False),
        ("admin_a_read", False),  # an admin, but the token only reads: no campaigns.write
    ],
)
def test_the_new_campaign_button_follows_campaigns_write(web, world, username, offered):
    if username == "admin_a_read":
        _read_only(web, world)
    else:
        signed_in(web, username)
    listed = web.get("/campaigns")
    assert ("/campaigns/new" in links(listed)) is offered
    assert (web.get("/campaigns/new").status_code == 200) is offered


def test_a_reporter_sees_submit_on_a_draft_but_not_approve_and_the_api_says_why_not(
    web, api, demo, demo_password
):
    signed_in(web, "cholach", demo_password)
    headers = api_headers(api, "cuc.tccb")
    report = report_of(api, headers, unit_id(api, headers, "CC-CHOLACH"), "2023-Q1")  # a draft
    path = f"/reports/{report['id']}"
    page = web.get(path).text
    buttons = [text(button) for button in select(page, "#figures-form button")]
    assert "Nộp báo cáo" in buttons and "Lưu nháp" in buttons
    assert not select(page, f'form[action="{path}/approve"]') and "Duyệt báo cáo" not in page

    refused = web.post(
        f"{path}/approve", data={"csrf_token": page_token(web, path), "version": "1"}
    )
    assert refused.status_code == 403
    assert "Vai trò của bạn không được phép thực hiện thao tác này" in refused.text
    assert report_of(api, headers, report["unit_id"], "2023-Q1")["status"] == "draft"


# ---- the rules stay in the API ---------------------------------------------------------------
ROLE = r"""["'](?:admin|reviewer|reporter|viewer)["']"""
FORBIDDEN = {
    "a role set of the page's own": re.compile(
        r"\b(STAFF|EDITOR_ROLES|WRITERS|REVIEWERS|DECIDERS|NOMINATORS|REPORTING_KINDS"
        r"|can_edit_people|is_admin|can_write|can_review|can_decide|can_nominate)\s*[(=]"
        r"|\b(STAFF|EDITOR_ROLES|WRITERS|REVIEWERS|DECIDERS|NOMINATORS|REPORTING_KINDS)\b"
    ),
    "a role compared": re.compile(
        rf"(==|!=)\s*{ROLE}|{ROLE}\s*(==|!=)|\.role\s*(==|!=|in\b|not in\b)"
    ),
    "a role in a set": re.compile(rf"(\bin\s*|frozenset\()[\(\[{{]\s*{ROLE}"),
    "the user's token scope checked": re.compile(r"""\b(me|self)\.scope\s*(==|!=)"""),
    "a dossier rule or vote threshold": re.compile(
        r"\b(to_trinh|bien_ban|bao_cao_thanh_tich|chung_nhan_sang_kien|ket_qua_bo_phieu"
        r"|SECRET_BALLOT\w*|BASE_DOSSIER|EXTRA_DOSSIER)\b"
    ),
    "attainment computed": re.compile(r"def attainment\(|\battainment\(rate"),
}


def test_the_web_keeps_no_copy_of_the_apis_rules():
    """Role sets, role comparisons, token-scope checks, the dossier and vote rules and the
    attainment rounding live in the API; a page only asks. Role names may remain as labels."""
    found = []
    for path in sorted(WEB.rglob("*")):
        if path.suffix not in (".py", ".html"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for why, pattern in FORBIDDEN.items():
                if pattern.search(line):
                    found.append(f"{path.relative_to(WEB)}:{number}: {why}: {line.strip()}")
    assert not found, "\n".join(found)
