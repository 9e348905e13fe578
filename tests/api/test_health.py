"""Health: answers ok only when the database answers."""

from sqlalchemy import create_engine
from sqlmodel import Session

from app.api.deps import session_dep
from tests.api.helpers import problem


def test_health_is_ok_without_a_token(api):
    r = api.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_health_is_503_when_the_database_does_not_answer(api, tmp_path):
    unreachable = create_engine(f"sqlite:///{tmp_path / 'no-such-dir' / 'thidua.db'}")

    def broken_session():
        with Session(unreachable) as s:
            yield s

    api.app.dependency_overrides[session_dep] = broken_session
    body = problem(api.get("/api/v1/health"), 503)
    assert body["detail"] == "Không kết nối được cơ sở dữ liệu"
    english = problem(api.get("/api/v1/health", headers={"Accept-Language": "en"}), 503)
    assert english["title"] == "Service unavailable"
