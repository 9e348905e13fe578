"""The awards area's reader's copy of the API's JSON: decisions, awards, eligibility,
nominations, the annual summary and people's yearly facts (only what the pages show)."""

from datetime import date, datetime

from pydantic import Field

from app.web.api_models import ApiModel, UnitRef
from app.web.i18n import current_language


class DossierItem(ApiModel):
    code: str
    label: str
    required: bool = True
    done: bool = False


class AwardType(ApiModel):
    code: str
    name_vi: str
    name_en: str = ""
    category: str
    recipients: list[str] = []
    levels: list[str] = []
    external_allowed: bool = True
    in_summary: bool = True
    dossier: list[DossierItem] = []  # the documents a nomination for it must hold

    @property
    def name(self) -> str:
        return self.name_en if current_language() == "en" and self.name_en else self.name_vi


class AwardTypeRef(ApiModel):
    code: str
    name_vi: str
    category: str


class PersonRef(ApiModel):
    id: int
    full_name: str
    unit: UnitRef
    is_external: bool = False


class CampaignRef(ApiModel):
    id: int
    title: str


class DecisionRef(ApiModel):
    id: int
    number: str
    signed_on: date
    issuer: UnitRef
    kind: str
    year: int


class Criterion(ApiModel):
    rule: str
    met: bool | None = None
    evidence: str = ""


class Snapshot(ApiModel):
    """The eligibility result kept with an award or a nomination."""

    regime: str | None = None
    eligible: bool | None = None
    criteria: list[Criterion] = []
    note: str | None = None


class Award(ApiModel):
    id: int
    decision: DecisionRef
    award_type: AwardTypeRef
    recipient_kind: str
    recipient_unit: UnitRef | None = None
    recipient_person: PersonRef | None = None
    unit: UnitRef
    year: int
    is_external: bool
    citation: str | None = None
    eligibility: Snapshot | None = None
    nomination_id: int | None = None
    revoked_at: datetime | None = None
    revoked_reason: str | None = None
    allowed_actions: list[str] = []  # revoke

    @property
    def recipient_name(self) -> str:
        if self.recipient_person is not None:
            return self.recipient_person.full_name
        return self.recipient_unit.name if self.recipient_unit else ""


class Decision(ApiModel):
    id: int
    number: str
    signed_on: date
    issuer: UnitRef
    kind: str
    year: int
    regime: str
    campaign: CampaignRef | None = None
    title: str | None = None
    awards: list[Award] = []
    allowed_actions: list[str] = []  # update, add_award
    version: int = 1


class RegimeInfo(ApiModel):
    code: str
    name: str
    documents: list[str] = []


class Candidate(ApiModel):
    kind: str
    person: PersonRef | None = None
    unit: UnitRef
    eligible: bool | None = None
    holds: bool = False
    criteria: list[Criterion] = []


class Eligibility(ApiModel):
    year: int
    award_type: AwardTypeRef
    recipient: str
    regime: RegimeInfo
    scope: UnitRef
    rules_defined: bool
    eligible: int
    not_eligible: int
    unknown: int
    candidates: list[Candidate]


class Vote(ApiModel):
    members: int
    present: int
    yes: int
    secret_ballot: bool = False
    held_on: date | None = None
    passed: bool = False
    rule: str = ""


class Nomination(ApiModel):
    id: int
    proposer: UnitRef
    year: int
    award_type: AwardTypeRef
    candidate_unit: UnitRef | None = None
    candidate_person: PersonRef | None = None
    achievements: str | None = None
    status: str
    dossier: list[DossierItem] = []
    vote: Vote | None = None
    eligibility: Snapshot | None = None
    reason: str | None = None
    award_id: int | None = None
    submitted_at: datetime | None = None
    vote_rule: str = ""  # the council's rule for this award, in words, from the API
    allowed_actions: list[str] = []  # update, submit, vote, reject, decide
    version: int = 1

    @property
    def candidate_name(self) -> str:
        if self.candidate_person is not None:
            return self.candidate_person.full_name
        return self.candidate_unit.name if self.candidate_unit else ""

    @property
    def candidate_key(self) -> str:
        if self.candidate_person is not None:
            return f"person:{self.candidate_person.id}"
        return f"unit:{self.candidate_unit.id}" if self.candidate_unit else ""


class SummaryRow(ApiModel):
    issuer: UnitRef
    award_type: AwardTypeRef
    recipient_kind: str
    external: bool
    count: int


class SummaryTotals(ApiModel):
    awards: int = 0
    collective: int = 0
    individual: int = 0
    internal: int = 0
    external: int = 0


class Summary(ApiModel):
    year: int
    unit: UnitRef
    as_of: date | None = None  # whose structure names the units (the API decides)
    covers: list[UnitRef] = []
    unattributed: list[UnitRef] = []
    note: str | None = None  # the API's sentence about predecessors, printed as is
    include_all: bool = False
    rows: list[SummaryRow] = []
    totals: SummaryTotals = Field(default_factory=SummaryTotals)


class Assessment(ApiModel):
    year: int
    result: str
    discipline: str = "NONE"
    note: str | None = None


class Initiative(ApiModel):
    id: int
    title: str
    year: int
    scope: str
    recognised_by: str
    decision_number: str | None = None


class PersonFacts(ApiModel):
    person_id: int
    assessments: list[Assessment] = []
    initiatives: list[Initiative] = []
