"""Login throttling: per (username, address) and per address, counted before the password is
checked in one atomic upsert, so nobody can lock out an account from elsewhere, a shared office
address is not locked out by a few mistakes, and racing guesses cannot get past the limit."""

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import select, update

from app.api.main import create_api
from app.core.config import get_settings
from app.core.types import utcnow
from app.models.users import LoginThrottle
from app.services.accounts import auth
from bench.live import live_server
from tests.api.helpers import audit_entries, problem
from tests.factories import PASSWORD

OFFICE = "203.0.113.7"  # documentation addresses (RFC 5737)
HOME = "198.51.100.23"


@pytest.fixture
def clients() -> Iterator[dict[str, TestClient]]:
    """One API, reached from two client addresses."""
    api = create_api()
    with (
        TestClient(api, client=(OFFICE, 50000), raise_server_exceptions=False) as office,
        TestClient(api, client=(HOME, 50000), raise_server_exceptions=False) as home,
    ):
        yield {OFFICE: office, HOME: home}


@pytest.fixture
def password_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password that reached verification (thread-safe: list.append is atomic)."""
    seen: list[str] = []
    real = auth.verify_password

    def counting(password: str, hashed: str | None) -> bool:
        seen.append(password)
        return real(password, hashed)

    monkeypatch.setattr(auth, "verify_password", counting)
    return seen


def login(client: TestClient | httpx.Client, username: str, password: str = PASSWORD):
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


def test_failures_from_one_address_do_not_lock_the_owner_out_from_another(clients, world):
    limit = get_settings().login_max_failures
    for _ in range(limit):
        problem(login(clients[OFFICE], "reviewer_a", "guess"), 401)

    refused = login(clients[OFFICE], "reviewer_a")
    problem(refused, 429)
    window = get_settings().login_window_minutes * 60
    assert 0 < int(refused.headers["retry-after"]) <= window

    assert login(clients[HOME], "reviewer_a").status_code == 200
    # Logging in from home does not lift the office's throttle for this user…
    problem(login(clients[OFFICE], "reviewer_a"), 429)
    # …nor hold back a colleague behind the same office address.
    assert login(clients[OFFICE], "reporter_a1").status_code == 200


def test_a_throttled_attempt_is_never_checked_against_the_password(clients, world, password_checks):
    limit = get_settings().login_max_failures
    for _ in range(limit):
        problem(login(clients[OFFICE], "admin_a", "guess"), 401)
    assert len(password_checks) == limit
    for _ in range(3):
        problem(login(clients[OFFICE], "admin_a", "another guess"), 429)
    problem(login(clients[OFFICE], "admin_a"), 429)
    assert len(password_checks) == limit


def test_colleagues_mistakes_below_the_address_allowance_block_nobody(clients, world):
    """Offices share one public address: 30 mistakes by 15 people there lock nobody out."""
    settings = get_settings()
    assert settings.login_address_max_failures > 30 + 1
    for n in range(15):
        for _ in range(2):
            problem(login(clients[OFFICE], f"colleague{n}", "typo"), 401)
    assert login(clients[OFFICE], "reporter_a1").status_code == 200
    assert login(clients[OFFICE], "reviewer_a").status_code == 200


def test_above_the_address_allowance_everyone_behind_it_waits(clients, world, session, monkeypatch):
    monkeypatch.setattr(get_settings(), "login_address_max_failures", 8)
    for n in range(7):
        problem(login(clients[OFFICE], f"sprayed{n}", "Password1"), 401)
    # The 8th attempt from the address is within the allowance; a success is not held against
    # the address, so the next one is still the 8th.
    assert login(clients[OFFICE], "reporter_a1").status_code == 200
    assert login(clients[OFFICE], "reporter_a2").status_code == 200
    problem(login(clients[OFFICE], "sprayed7", "Password1"), 401)  # the 8th failure

    refused = login(clients[OFFICE], "reviewer_a")
    problem(refused, 429)
    assert int(refused.headers["retry-after"]) > 0
    # Another address is not affected.
    assert login(clients[HOME], "reviewer_a").status_code == 200
    [entry] = audit_entries(session, action="login_throttled")
    assert entry.after["limit"] == "address"
    assert entry.entity_id == world.users["reviewer_a"].id


def test_successes_are_not_held_against_the_address(clients, world, monkeypatch):
    monkeypatch.setattr(get_settings(), "login_address_max_failures", 3)
    for _ in range(6):
        assert login(clients[OFFICE], "reporter_a1").status_code == 200


def test_throttled_attempts_are_audited(clients, world, session):
    limit = get_settings().login_max_failures
    for _ in range(limit + 2):
        login(clients[OFFICE], "cuc.tccb", "guess")  # a user that does not exist here
    for _ in range(2):
        login(clients[OFFICE], "admin_a", "guess")
    for _ in range(limit):
        login(clients[OFFICE], "admin_a", "guess")

    failed = audit_entries(session, action="login_failed")
    assert len(failed) == 2 * limit
    throttled = audit_entries(session, action="login_throttled")
    assert [(e.after["username"], e.after["ip"]) for e in throttled] == [
        ("cuc.tccb", OFFICE),
        ("cuc.tccb", OFFICE),
        ("admin_a", OFFICE),
        ("admin_a", OFFICE),
    ]
    assert throttled[0].entity_id is None  # unknown user
    assert throttled[-1].entity_id == world.users["admin_a"].id
    assert throttled[-1].unit_id == world.users["admin_a"].unit_id
    assert throttled[-1].after["limit"] == "user"
    assert throttled[-1].after["attempts"] == limit + 2


def test_a_success_clears_the_count_for_that_address_only(clients, world):
    limit = get_settings().login_max_failures
    for _ in range(limit - 1):
        problem(login(clients[OFFICE], "admin_a", "guess"), 401)
        problem(login(clients[HOME], "admin_a", "guess"), 401)
    assert login(clients[OFFICE], "admin_a").status_code == 200
    for _ in range(limit - 1):
        problem(login(clients[OFFICE], "admin_a", "guess"), 401)
    problem(login(clients[HOME], "admin_a", "guess"), 401)  # HOME's 5th: its count stayed
    problem(login(clients[HOME], "admin_a"), 429)


def test_a_window_that_has_run_out_starts_again(clients, world, session):
    limit = get_settings().login_max_failures
    for _ in range(limit):
        problem(login(clients[OFFICE], "admin_a", "guess"), 401)
    problem(login(clients[OFFICE], "admin_a"), 429)

    window = timedelta(minutes=get_settings().login_window_minutes)
    session.exec(
        update(LoginThrottle).values(window_start=utcnow() - window - timedelta(seconds=1))
    )
    session.commit()

    assert login(clients[OFFICE], "admin_a").status_code == 200
    session.expire_all()
    counters = {row.key: row.failures for row in session.exec(select(LoginThrottle))}
    assert counters == {f"a:{OFFICE}": 0}  # the success reset the user's count, not counted


def test_prune_forgets_only_run_out_windows(clients, world, session):
    problem(login(clients[OFFICE], "admin_a", "guess"), 401)
    problem(login(clients[HOME], "admin_a", "guess"), 401)
    window = timedelta(minutes=get_settings().login_window_minutes)
    session.exec(
        update(LoginThrottle)
        .where(LoginThrottle.key.contains(HOME))  # type: ignore[attr-defined]
        .values(window_start=utcnow() - window - timedelta(minutes=1))
    )
    session.commit()
    assert auth.prune(session) == 2
    session.expire_all()
    assert sorted(r.key for r in session.exec(select(LoginThrottle))) == [
        f"a:{OFFICE}",
        f"u:{OFFICE}|admin_a",
    ]


def test_an_odd_address_cannot_forge_another_users_key(world, session):
    """A proxy-supplied address with "|" in it cannot alias another (address, username)."""
    api = create_api()
    with TestClient(api, client=("10.0.0.1|admin_a", 1), raise_server_exceptions=False) as odd:
        problem(login(odd, "x", "guess"), 401)
    keys = {r.key for r in session.exec(select(LoginThrottle))}
    assert keys == {"a:10.0.0.1_admin_a", "u:10.0.0.1_admin_a|x"}


# --- racing guesses, through a real server and real threads --------------------------------


def test_fifty_concurrent_guesses_get_at_most_the_limit_checked(world, session, password_checks):
    limit = get_settings().login_max_failures
    guesses = 50
    start = threading.Barrier(guesses)

    def guess(n: int) -> int:
        with httpx.Client(base_url=url, timeout=60, trust_env=False) as client:
            start.wait()
            return login(client, "admin_a", f"guess {n}").status_code

    with live_server(create_api()) as url, ThreadPoolExecutor(max_workers=guesses) as pool:
        statuses = list(pool.map(guess, range(guesses)))

    assert sorted(set(statuses)) == [401, 429], statuses
    assert statuses.count(401) == limit
    assert len(password_checks) == limit
    assert statuses.count(429) == guesses - limit
    session.expire_all()
    counters = {row.key: row.failures for row in session.exec(select(LoginThrottle))}
    assert counters == {"a:127.0.0.1": guesses, "u:127.0.0.1|admin_a": guesses}
    assert len(audit_entries(session, action="login_failed")) == limit
    assert len(audit_entries(session, action="login_throttled")) == guesses - limit
