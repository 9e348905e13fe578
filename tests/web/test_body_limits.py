"""The pages bound request bodies too: the CSRF check reads the form, so it must not read an
unbounded one. The refusal is a page, with the pages' security headers."""

from app.core.config import get_settings


def test_a_form_over_the_limit_is_refused_before_the_csrf_check(web):
    big = "x" * (get_settings().max_json_bytes + 1)
    r = web.post("/login", data={"username": "a", "password": big})
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("text/html")
    assert "Nội dung yêu cầu quá lớn (tối đa 1 MB)" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_a_streamed_form_over_the_limit_is_refused(web):
    def pieces():
        for _ in range(20):
            yield b"a" * (64 * 1024)

    r = web.post(
        "/login",
        content=pieces(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413
    assert "content-security-policy" in r.headers


def test_a_multipart_upload_over_5_mib_is_refused(web):
    big = b"a" * (get_settings().max_upload_bytes + 1)
    r = web.post("/login", files={"file": ("so-lieu.csv", big, "text/csv")})
    assert r.status_code == 413
    assert "tối đa 5 MB" in r.text


def test_a_small_form_still_reaches_the_csrf_check(web):
    r = web.post("/login", data={"username": "a", "password": "b"})
    assert r.status_code == 403  # no login cookie: refused by the CSRF check, not by size
