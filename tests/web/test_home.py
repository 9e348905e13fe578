"""The home page says who I am and what my scope reaches (on the Bến Tre demo data)."""

from tests.web.conftest import signed_in
from tests.web.html import links, one, select, text


def _reach(html) -> dict[str, int]:
    """What "What you can reach" counts: units and people."""
    return {
        text(one(item, ".stat-label")): int(text(one(item, ".stat")).replace(".", ""))
        for item in select(html, '[aria-labelledby="scope-title"] ul.stats > li')
    }


def _under(html) -> list[str]:
    """The units under the user's unit, as "What you can reach" lists them."""
    return [text(a) for a in select(html, "details.sub-units .unit-list a")]


def test_a_district_reporter_sees_their_chi_cuc_only(web, demo, demo_password):
    signed_in(web, "giongtrom", demo_password)
    html = web.get("/").text

    me = text(one(html, '[aria-labelledby="me-title"] dl'))
    assert "Chi cục Thi hành án dân sự huyện Giồng Trôm" in me and "Cán bộ báo cáo" in me
    assert "Văn thư huyện Giồng Trôm (demo)" in text(one(html, "h1"))
    # Its own partners, not the province nor another district.
    assert "Công an huyện Giồng Trôm" in _under(html)
    assert "Chi cục Thi hành án dân sự huyện Thạnh Phú" not in html
    assert "Cục Thi hành án dân sự tỉnh Bến Tre" not in html
    assert _reach(html)["đơn vị"] == 5


def test_the_province_reviewer_sees_the_whole_province(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = web.get("/").text

    me = text(one(html, '[aria-labelledby="me-title"] dl'))
    assert "Cục Thi hành án dân sự tỉnh Bến Tre" in me
    assert "Cán bộ kiểm tra, duyệt số liệu" in me
    under = _under(html)
    for office in ("Giồng Trôm", "Thạnh Phú", "Ba Tri", "Mỏ Cày Nam", "thành phố Bến Tre"):
        assert (
            f"Chi cục Thi hành án dân sự {'huyện ' if office != 'thành phố Bến Tre' else ''}{office}"
            in under
        )
    assert "Phòng Tổ chức cán bộ" in under
    assert "Trà Vinh" not in html and "Càng Long" not in html
    reach = _reach(html)
    assert reach["đơn vị"] == 58 and reach["cá nhân"] > 100
    assert "/admin/users" not in links(html)  # a reviewer is not an administrator


def test_admin_home_links_to_user_administration(web, world):
    signed_in(web, "admin_a")
    assert "/admin/users" in links(web.get("/"))
