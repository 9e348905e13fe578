"""The home page says who I am and what my scope reaches (on the Bến Tre demo data)."""

import re

from tests.web.conftest import signed_in


def test_a_district_reporter_sees_their_chi_cuc_only(web, demo, demo_password):
    signed_in(web, "giongtrom", demo_password)
    html = web.get("/").text

    assert "Chi cục Thi hành án dân sự huyện Giồng Trôm" in html
    assert "Cán bộ báo cáo" in html
    assert "Văn thư huyện Giồng Trôm (demo)" in html
    # Its own partners, not the province nor another district.
    assert "Công an huyện Giồng Trôm" in html
    assert "Chi cục Thi hành án dân sự huyện Thạnh Phú" not in html
    assert "Cục Thi hành án dân sự tỉnh Bến Tre" not in html
    assert re.search(r'<span class="stat">5</span> <span class="stat-label">đơn vị', html)


def test_the_province_reviewer_sees_the_whole_province(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = web.get("/").text

    assert "Cục Thi hành án dân sự tỉnh Bến Tre" in html
    assert "Cán bộ kiểm tra, duyệt số liệu" in html
    for office in ("Giồng Trôm", "Thạnh Phú", "Ba Tri", "Mỏ Cày Nam", "thành phố Bến Tre"):
        assert (
            f"Chi cục Thi hành án dân sự {'huyện ' if office != 'thành phố Bến Tre' else ''}{office}"
            in html
        )
    assert "Phòng Tổ chức cán bộ" in html
    assert "Trà Vinh" not in html and "Càng Long" not in html
    units = int(
        re.search(
            r'<span class="stat">([\d.]+)</span> <span class="stat-label">đơn vị', html
        ).group(1)
    )
    people = int(
        re.search(
            r'<span class="stat">([\d.]+)</span> <span class="stat-label">cá nhân', html
        ).group(1)
    )
    assert units == 58 and people > 100
    assert 'href="/admin/users"' not in html  # a reviewer is not an administrator


def test_admin_home_links_to_user_administration(web, world):
    signed_in(web, "admin_a")
    assert 'href="/admin/users"' in web.get("/").text
