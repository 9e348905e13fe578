"""Helpers shared by the report page tests (no tests here): API access for checking what the
pages wrote, and consistent figures for Giồng Trôm's 2023-Q1 report (absent from the demo)."""

from typing import Any

from fastapi.testclient import TestClient

from app.demo.figures import OFFICES, carried_to_next, quarter_values
from app.demo.loader import DEMO_PASSWORD
from tests.web.conftest import page_token


def api_headers(api: TestClient, username: str) -> dict[str, str]:
    response = api.post(
        "/api/v1/auth/token", data={"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def unit_id(api: TestClient, headers: dict[str, str], code: str) -> int:
    found = api.get("/api/v1/units", params={"q": code}, headers=headers).json()["items"]
    return next(u["id"] for u in found if u["code"] == code)


def report_of(
    api: TestClient, headers: dict[str, str], unit: int, period: str
) -> dict[str, Any] | None:
    items = api.get(
        "/api/v1/reports", params={"unit_id": unit, "period": period}, headers=headers
    ).json()["items"]
    return items[0] if items else None


def giongtrom_q1() -> dict[str, int]:
    """Figures every rule accepts: carried over from 2022-Q4 as the warnings want."""
    office = OFFICES["GIONGTROM"]
    q4 = quarter_values(office, 4)
    return quarter_values(office, 1, (carried_to_next(q4, "viec"), carried_to_next(q4, "tien")))


def dotted(value: int) -> str:
    """As a Vietnamese clerk types it: 1.234.567."""
    return f"{value:,}".replace(",", ".")


def post_form(web: TestClient, path: str, page: str, data: dict[str, Any], **kwargs: Any) -> Any:
    token = page_token(web, page)
    return web.post(path, data={**data, "csrf_token": token}, follow_redirects=False, **kwargs)
