"""The JSON shapes the pages read from the API (a reader's copy: only what the pages use).

They ignore extra fields, so the API can grow without breaking the pages.
"""

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from app.web.i18n import current_language

T = TypeVar("T")


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Page(ApiModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class FieldError(ApiModel):
    field: str
    message: str
    code: str = "invalid"


class Problem(ApiModel):
    type: str = "about:blank"
    title: str = ""
    status: int = 500
    detail: str | None = None
    errors: list[FieldError] = []


class TokenGrant(ApiModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int


class UnitRef(ApiModel):
    id: int
    code: str
    name: str
    kind: str
    is_external: bool
    reports_figures: bool = False  # the API decides which units report figures


# The API's level ranks (LevelRank in its OpenAPI): lower is higher in the State.
PROVINCIAL_AGENCY_RANK = 4  # Cục THADS tỉnh; THADS tỉnh, thành phố
AREA_OFFICE_RANK = 5  # Chi cục THADS huyện; Phòng THADS khu vực


class Level(ApiModel):
    """A unit level (the API's table of levels: Cục, THADS tỉnh, Phòng khu vực …)."""

    code: str
    name_vi: str
    name_en: str
    rank: int
    confers_as: str | None = None  # the authority its units confer awards at (the full list)

    @property
    def name(self) -> str:
        return self.name_en if current_language() == "en" else self.name_vi


class Unit(UnitRef):
    parent_id: int | None
    level: Level | None = None
    as_of: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    address: str | None = None
    depth: int = 0
    allowed_actions: list[str] = []  # what the API lets this user do to it ("update")
    version: int = 1

    @property
    def level_name(self) -> str:
        return self.level.name if self.level else self.kind


class Person(ApiModel):
    id: int
    full_name: str
    unit: UnitRef
    gender: str | None = None
    birth_year: int | None = None
    position: str | None = None
    organisation: str | None = None
    recruited_on: date | None = None
    is_external: bool = False
    is_active: bool = True
    is_demo: bool = False
    allowed_actions: list[str] = []
    version: int = 1


class User(ApiModel):
    id: int
    username: str
    full_name: str
    role: str
    unit: UnitRef
    is_active: bool
    allowed_actions: list[str] = []
    version: int = 1


class Me(User):
    scope: str = "write"
    token_kind: str = "session"  # noqa: S105 - a kind of token, not a secret
    # What this user may do with this token, from the API's one policy table ("reports.write"):
    # the pages ask it, and keep no role sets of their own.
    permissions: list[str] = []
    ancestors: list[UnitRef] = []  # the units above the user's own, from the top


class Token(ApiModel):
    id: int
    user_id: int
    kind: str
    name: str
    prefix: str
    scope: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    user_agent: str | None = None


class TokenCreated(Token):
    token: str | None = None  # the secret, once; null when the API replays an idempotent call
