"""Award types, decisions and awards, eligibility, the annual summary, nominations, and the
per-person facts award rules read.

Rows about one decision, award or nomination declare only the no-token cell so far (owner:
add `target`s that build them in the needed state).
"""

from tests.api.matrix.core import ADMIN_REVIEWER, ALL, STAFF, Op, person_id, unit_id

FIGURES = ("figures_world",)


def _pending(method: str, path: str, roles, status: int, action: str, writes: bool) -> Op:  # type: ignore[no-untyped-def]
    return Op(method, path, roles, status, writes=writes, action=action, anonymous_only=True)


ROWS: list[Op] = [
    Op("GET", "/award-types", ALL, 200, action="awards.read", needs=FIGURES),
    Op("GET", "/decisions", ALL, 200, action="awards.read", needs=FIGURES),
    Op("GET", "/awards", ALL, 200, action="awards.read", needs=FIGURES),
    Op("GET", "/nominations", ALL, 200, action="awards.read", needs=FIGURES),
    Op(
        "GET",
        "/eligibility",
        ALL,
        200,
        action="awards.read",
        needs=FIGURES,
        target=unit_id,
        target_in="query",
        request=lambda ctx: {"params": {"year": 2022, "award_type": "LDTT", "unit_id": ctx.target}},
    ),
    Op(
        "GET",
        "/summary/awards",
        ALL,
        200,
        action="awards.read",
        needs=FIGURES,
        target=unit_id,
        target_in="query",
        request=lambda ctx: {"params": {"year": 2022, "unit_id": ctx.target}},
    ),
    Op(
        "GET",
        "/people/{person_id}/awards",
        ALL,
        200,
        action="awards.read",
        needs=FIGURES,
        target=person_id,
    ),
    Op(
        "GET",
        "/people/{person_id}/facts",
        ALL,
        200,
        action="people.read",
        needs=FIGURES,
        target=person_id,
    ),
    Op(
        "PUT",
        "/people/{person_id}/assessments",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="facts.write",
        needs=FIGURES,
        target=person_id,
        request=lambda ctx: {"json": {"year": 2022, "result": "HTXSNV"}},
    ),
    Op(
        "POST",
        "/initiatives",
        ADMIN_REVIEWER,
        201,
        writes=True,
        action="facts.write",
        needs=FIGURES,
        target=person_id,
        target_in="body",
        request=lambda ctx: {
            "json": {
                "title": "Số hóa hồ sơ thi hành án",
                "year": 2022,
                "scope": "co_so",
                "recognised_by": "Cục THADS tỉnh Bến Tre",
                "author_ids": [ctx.target],
            }
        },
    ),
    _pending("POST", "/decisions", ADMIN_REVIEWER, 201, "decisions.write", True),
    _pending("GET", "/decisions/{decision_id}", ALL, 200, "awards.read", False),
    _pending("PATCH", "/decisions/{decision_id}", ADMIN_REVIEWER, 200, "decisions.write", True),
    _pending("GET", "/awards/{award_id}", ALL, 200, "awards.read", False),
    _pending("POST", "/awards/{award_id}/revoke", ADMIN_REVIEWER, 200, "decisions.write", True),
    _pending("POST", "/nominations", STAFF, 201, "nominations.write", True),
    _pending("GET", "/nominations/{nomination_id}", ALL, 200, "awards.read", False),
    _pending("PATCH", "/nominations/{nomination_id}", STAFF, 200, "nominations.write", True),
    _pending("POST", "/nominations/{nomination_id}/submit", STAFF, 200, "nominations.write", True),
    _pending(
        "POST",
        "/nominations/{nomination_id}/vote",
        ADMIN_REVIEWER,
        200,
        "nominations.review",
        True,
    ),
    _pending(
        "POST",
        "/nominations/{nomination_id}/decide",
        ADMIN_REVIEWER,
        200,
        "nominations.review",
        True,
    ),
    _pending(
        "POST",
        "/nominations/{nomination_id}/reject",
        ADMIN_REVIEWER,
        200,
        "nominations.review",
        True,
    ),
]
