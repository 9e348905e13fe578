"""The participants of a new campaign, on the demo year: a campaign sent with no unit ticked is
held back with a warning beside the participants until the user confirms; "Select every district
office" works without JavaScript (the form comes back ticked, nothing saved) and, with it, ticks
the boxes in the page so no request can be overtaken by the submit."""

from bs4 import BeautifulSoup
from sqlmodel import Session, select

from app.models.campaigns import Campaign, CampaignParticipant
from app.models.units import Unit
from tests.web.conftest import page_token, signed_in

TITLE = "Chuyên đề chưa chọn đơn vị"


def unit_id(session: Session, code: str) -> int:
    return session.exec(select(Unit.id).where(Unit.code == code)).one()  # type: ignore[return-value]


def district_offices(session: Session) -> set[str]:
    """Bến Tre's nine Chi cục (the neighbouring province's are out of the user's scope)."""
    rows = session.exec(
        select(Unit.id).where(
            Unit.kind == "district_office", Unit.parent_id == unit_id(session, "CTHADS-BENTRE")
        )
    ).all()
    return {str(i) for i in rows}


def created(session: Session, title: str = TITLE) -> Campaign | None:
    session.expire_all()
    return session.exec(select(Campaign).where(Campaign.title == title)).first()


def post_new(web, session: Session, **extra):
    data = {
        "csrf_token": page_token(web, "/campaigns/new"),
        "title": TITLE,
        "kind": "chuyen_de",
        "launched_by_id": str(unit_id(session, "CTHADS-BENTRE")),
        "owner_unit_id": str(unit_id(session, "CTHADS-BENTRE")),
        "slogan": "Về đích sớm",
        **extra,
    }
    return web.post("/campaigns/new", data=data, follow_redirects=False)


def ticked(html: str) -> set[str]:
    page = BeautifulSoup(html, "html.parser")
    return {
        box["value"] for box in page.select("#participants input[name=participant_ids][checked]")
    }


def test_no_participant_gets_a_warning_beside_the_field_and_nothing_is_created(
    web, demo, demo_password, session
):
    signed_in(web, "cuc.tccb", demo_password)
    held = post_new(web, session)

    assert held.status_code == 422
    page = BeautifulSoup(held.text, "html.parser")
    fieldset = page.select_one("fieldset#participants")
    warning = fieldset.select_one("#e-participant_ids")
    assert warning is not None and "Chưa chọn đơn vị tham gia nào" in warning.get_text()
    assert fieldset["aria-describedby"] == "e-participant_ids"
    confirm = fieldset.select_one("input[name=confirm_no_participants]")
    assert confirm is not None and not confirm.has_attr("checked")
    label = page.select_one(f"label[for={confirm['id']}]").get_text()
    assert "Vẫn tạo phong trào khi chưa có đơn vị tham gia" in label
    # What was typed is all there; the summary on top says a field needs attention.
    assert page.select_one("#f-title")["value"] == TITLE
    assert page.select_one("#f-slogan")["value"] == "Về đích sớm"
    assert page.select_one(".error-summary") is not None
    assert created(session) is None


def test_confirming_creates_a_draft_without_participants(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    done = post_new(web, session, confirm_no_participants="1")
    assert done.status_code == 303
    campaign = created(session)
    assert campaign is not None and campaign.status == "draft"
    joined = session.exec(
        select(CampaignParticipant).where(CampaignParticipant.campaign_id == campaign.id)
    ).all()
    assert joined == []


def test_ticked_units_need_no_confirmation(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    office = unit_id(session, "CC-GIONGTROM")
    done = post_new(web, session, participant_ids=str(office))
    assert done.status_code == 303
    assert created(session) is not None


def test_select_every_district_office_without_javascript_saves_nothing(
    web, demo, demo_password, session
):
    signed_in(web, "cuc.tccb", demo_password)
    tccb = str(unit_id(session, "BENTRE-TCCB"))
    again = post_new(web, session, select="districts", participant_ids=tccb)

    assert again.status_code == 200
    assert ticked(again.text) == district_offices(session) | {tccb}
    assert len(district_offices(session)) == 9
    page = BeautifulSoup(again.text, "html.parser")
    assert page.select_one("#f-title")["value"] == TITLE
    assert page.select_one("#e-participant_ids") is None  # no warning for a button press
    assert created(session) is None

    cleared = post_new(web, session, select="none", participant_ids=tccb)
    assert cleared.status_code == 200 and ticked(cleared.text) == set()
    assert created(session) is None


def test_the_buttons_work_with_and_without_javascript(web, demo, demo_password, session):
    """Submit buttons of the form (no JavaScript needed) that say what to tick in the page."""
    signed_in(web, "cuc.tccb", demo_password)
    page = BeautifulSoup(web.get("/campaigns/new").text, "html.parser")
    form = page.select_one("form#campaign-form")
    every = form.select_one("button[name=select][value=districts]")
    assert every.get_text(strip=True) == "Chọn tất cả Chi cục"
    assert every.get("type") == "submit" and not every.has_attr("hx-get")
    marked = {box["value"] for box in form.select(every["data-tick"].replace("#participants ", ""))}
    assert marked == district_offices(session)
    clear = form.select_one("button[name=select][value=none]")
    assert clear.get("type") == "submit" and clear.has_attr("data-untick")
    count = form.select_one(f"#{every['aria-describedby']}")
    assert count["role"] == "status" and "{count}" in count["data-count-text"]


def test_the_edit_form_buttons_save_nothing_without_javascript(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    office = unit_id(session, "CC-GIONGTROM")
    assert post_new(web, session, participant_ids=str(office)).status_code == 303
    campaign = created(session)
    edit = f"/campaigns/{campaign.id}/edit"
    again = web.post(
        edit,
        data={
            "csrf_token": page_token(web, edit),
            "title": "Tên khác",
            "kind": "chuyen_de",
            "launched_by_id": str(unit_id(session, "CTHADS-BENTRE")),
            "version": str(campaign.version),
            "participant_ids": str(office),
            "select": "districts",
        },
        follow_redirects=False,
    )
    assert again.status_code == 200
    assert ticked(again.text) == district_offices(session)
    assert created(session).version == campaign.version  # not saved
