"""The campaigns area's reader's copy of the API's JSON (campaigns, documents, criteria and their
progress, registrations, exemplars, reviews), with the Vietnamese names of their codes."""

from datetime import date, datetime

from app.web.api_models import ApiModel, UnitRef
from app.web.i18n import N_, current_language, gettext

KIND_LABELS = {
    "thuong_xuyen": N_("Regular"),
    "chuyen_de": N_("Thematic"),
    "cao_diem": N_("Peak drive"),
}
STATUS_LABELS = {
    "draft": N_("Draft"),
    "launched": N_("Launched"),
    "closed": N_("Closed"),
}
DOCUMENT_KIND_LABELS = {
    "chi_thi": N_("Directive"),
    "ke_hoach": N_("Plan"),
    "quyet_dinh": N_("Decision"),
    "cong_van": N_("Official letter"),
    "nghi_quyet": N_("Resolution"),
    "thong_bao": N_("Notice"),
    "khac": N_("Other"),
}
REGISTRATION_STATUS_LABELS = {
    "draft": N_("Draft, not sent"),
    "submitted": N_("Sent, awaiting review"),
    "accepted": N_("Accepted"),
    "returned": N_("Returned"),
}
REVIEW_KIND_LABELS = {"so_ket": N_("Mid-term review"), "tong_ket": N_("Final review")}
PROGRESS_LABELS = {
    "met": N_("Met"),
    "not_met": N_("Not met"),
    "not_reported": N_("Not reported yet"),
}


def _label(labels: dict[str, str], code: str | None) -> str:
    return gettext(labels[code]) if code in labels else (code or "")


def options(labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, gettext(text)) for code, text in labels.items()]


def short_unit_name(name: str) -> str:
    """ "Chi cục Thi hành án dân sự huyện Ba Tri" → "huyện Ba Tri" (chart labels)."""
    for prefix in ("Chi cục Thi hành án dân sự ", "Chi cục THADS "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


class CampaignRef(ApiModel):
    id: int
    title: str
    kind: str
    status: str

    @property
    def kind_label(self) -> str:
        return _label(KIND_LABELS, self.kind)

    @property
    def status_label(self) -> str:
        return _label(STATUS_LABELS, self.status)


class Campaign(CampaignRef):
    launched_by: UnitRef
    owner_unit: UnitRef
    parent: CampaignRef | None = None
    year: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    slogan: str | None = None
    objectives: str | None = None
    key_content: str | None = None
    launched_at: datetime | None = None
    participants: list[UnitRef] = []
    children: list[CampaignRef] = []
    documents: int = 0
    criteria: int = 0
    allowed_actions: list[str] = []  # update, launch, close, register, add_document …
    version: int = 1


class Document(ApiModel):
    id: int
    campaign_id: int
    campaign_title: str = ""
    number: str
    issued_on: date
    issuer: str
    kind: str
    title: str
    file_name: str | None = None
    file_size: int | None = None

    @property
    def kind_label(self) -> str:
        return _label(DOCUMENT_KIND_LABELS, self.kind)


class Tier(ApiModel):
    min_caseload: int
    max_caseload: int | None = None
    threshold: float


class Criterion(ApiModel):
    id: int
    indicator: str
    indicator_name: str
    period: str
    threshold: float | None = None
    caseload_metric: str | None = None
    tiers: list[Tier] | None = None
    description: str | None = None

    def band_for(self, caseload: int | None) -> Tier | None:
        """The caseload band the API applied to an office (same rule as the API)."""
        if not self.tiers or caseload is None:
            return None
        for tier in self.tiers:
            if caseload >= tier.min_caseload and (
                tier.max_caseload is None or caseload <= tier.max_caseload
            ):
                return tier
        return None


class ProgressItem(ApiModel):
    unit: UnitRef
    status: str
    rate: float | None = None
    threshold: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    caseload: int | None = None
    approved: bool = False
    report_id: int | None = None

    @property
    def status_label(self) -> str:
        return _label(PROGRESS_LABELS, self.status)


class CriterionProgress(ApiModel):
    criterion: Criterion
    met: int = 0
    not_met: int = 0
    not_reported: int = 0
    items: list[ProgressItem] = []


class Progress(ApiModel):
    campaign_id: int
    preview: bool = False
    criteria: list[CriterionProgress] = []


class Registration(ApiModel):
    id: int
    campaign_id: int
    unit: UnitRef
    person_id: int | None = None
    person_name: str | None = None
    titles: list[str] = []
    note: str | None = None
    status: str
    reason: str | None = None
    submitted_at: datetime | None = None
    decided_by: str | None = None
    allowed_actions: list[str] = []  # submit, accept, return
    version: int = 1

    @property
    def status_label(self) -> str:
        return _label(REGISTRATION_STATUS_LABELS, self.status)


class RegistrationSummary(ApiModel):
    items: list[Registration] = []
    not_registered: list[UnitRef] = []


class Exemplar(ApiModel):
    id: int
    campaign: CampaignRef
    unit: UnitRef | None = None
    person_id: int | None = None
    person_name: str | None = None
    reason: str
    solutions: str | None = None
    from_on: date | None = None
    to_on: date | None = None


class Review(ApiModel):
    id: int
    campaign_id: int
    kind: str
    held_on: date
    title: str
    summary: str | None = None
    created_by: str = ""

    @property
    def kind_label(self) -> str:
        return _label(REVIEW_KIND_LABELS, self.kind)


class Indicator(ApiModel):
    code: str
    name_vi: str
    name_en: str | None = None
    numerator: str = ""
    denominator: str = ""

    @property
    def name(self) -> str:
        return self.name_en if current_language() == "en" and self.name_en else self.name_vi


class Metric(ApiModel):
    code: str
    name_vi: str
    name_en: str | None = None
    dimension: str | None = None
    kind: str | None = None

    @property
    def name(self) -> str:
        return self.name_en if current_language() == "en" and self.name_en else self.name_vi


class Period(ApiModel):
    code: str
    year: int
    quarter: int
    months: int | None = None
    starts_on: date
    ends_on: date
    due_on: date | None = None
    status: str = "open"


class AwardType(ApiModel):
    code: str
    name_vi: str
    name_en: str | None = None
    category: str = ""
    recipients: list[str] = []

    @property
    def name(self) -> str:
        return self.name_en if current_language() == "en" and self.name_en else self.name_vi
