"""The figures' JSON as the pages read it: periods, metrics, reports and their workflow, rankings,
completeness, import summaries (a reader's copy of the API's shapes; extra fields are ignored).

The small properties here only name things for people (in the page's language)."""

from datetime import date, datetime

from app.web.api_models import ApiModel, UnitRef
from app.web.i18n import N_, current_language, gettext

STATUS_LABELS = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted"),
    "approved": N_("Approved"),
    "returned": N_("Returned"),
}
ACTION_LABELS = {
    "create": N_("Report created"),
    "import": N_("Imported from a file"),
    "submit": N_("Submitted"),
    "approve": N_("Approved"),
    "return": N_("Returned for correction"),
    "reopen": N_("Reopened"),
}
SEVERITY_LABELS = {"error": N_("Error"), "warning": N_("Warning")}


def status_label(code: str | None) -> str:
    if code is None:
        return gettext("Not started")
    return gettext(STATUS_LABELS[code]) if code in STATUS_LABELS else code


def _localised(name_vi: str, name_en: str) -> str:
    return name_en if current_language() == "en" and name_en else name_vi


class Period(ApiModel):
    id: int
    code: str
    year: int
    quarter: int
    months: int = 3
    starts_on: date
    ends_on: date
    due_on: date
    status: str
    version: int = 1

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def sort_key(self) -> tuple[int, int]:
        return self.year, self.quarter


class Metric(ApiModel):
    code: str
    name_vi: str
    name_en: str
    dimension: str
    kind: str
    formula: str | None = None
    position: int = 0

    @property
    def name(self) -> str:
        return _localised(self.name_vi, self.name_en)

    @property
    def is_input(self) -> bool:
        return self.kind == "input"

    @property
    def is_money(self) -> bool:
        return self.dimension == "tien"


class Indicator(ApiModel):
    code: str
    name_vi: str
    name_en: str
    numerator: str = ""
    denominator: str = ""
    position: int = 0

    @property
    def name(self) -> str:
        return _localised(self.name_vi, self.name_en)


class Issue(ApiModel):
    rule: str
    severity: str
    message: str
    fields: list[str] = []

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class Evaluation(ApiModel):
    values: dict[str, int | None] = {}
    derived: dict[str, int | None] = {}
    indicators: dict[str, float | None] = {}
    issues: list[Issue] = []
    targets: dict[str, float | None] = {}
    attainment: dict[str, float | None] = {}

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    def issues_for(self, code: str) -> list[Issue]:
        return [i for i in self.issues if code in i.fields]


class EarlierFigures(ApiModel):
    """The office's own earlier figures, shown beside each field."""

    previous_quarter: dict[str, int | None] | None = None
    same_quarter_last_year: dict[str, int | None] | None = None
    year_end: bool = False


class Validation(Evaluation, EarlierFigures):
    """The dry run of a form (POST /reports/validate)."""


class HistoryEvent(ApiModel):
    at: datetime
    actor: str
    action: str
    comment: str | None = None

    @property
    def label(self) -> str:
        return gettext(ACTION_LABELS[self.action]) if self.action in ACTION_LABELS else self.action


class Report(Evaluation):
    id: int
    unit_id: int
    unit: UnitRef
    period: str
    due_on: date
    status: str
    targets: dict[str, float | None] = {}
    attainment: dict[str, float | None] = {}
    submitted_at: datetime | None = None
    submitted_by: str | None = None
    approved_at: datetime | None = None
    approved_by: str | None = None
    is_late: bool = False
    comment: str | None = None
    editable: bool = False
    allowed_actions: list[str] = []  # update, submit, approve, return, reopen
    version: int = 1

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class ValueChange(ApiModel):
    metric: str
    before: int | None = None
    after: int | None = None


class PredecessorReport(ApiModel):
    """A predecessor's report of the same statistics year, beside a successor's."""

    id: int
    period: str
    unit: UnitRef
    status: str
    indicators: dict[str, float | None] = {}

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class ReportDetail(Report, EarlierFigures):
    history: list[HistoryEvent] = []
    changes_since_previous_submission: list[ValueChange] = []
    earlier_summed_from: list[UnitRef] = []
    predecessor_reports: list[PredecessorReport] = []

    @property
    def last_return(self) -> HistoryEvent | None:
        """The reviewer's word the clerk must act on (a return or a reopening)."""
        for event in self.history:  # newest first
            if event.action in ("return", "reopen"):
                return event
            if event.action in ("submit", "approve"):
                return None
        return None


class CompletenessItem(ApiModel):
    unit: UnitRef
    status: str | None = None
    report_id: int | None = None
    submitted_at: datetime | None = None
    on_time: bool | None = None
    late: bool = False
    overdue: bool = False
    comment: str | None = None

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class Completeness(ApiModel):
    period: Period
    parent: UnitRef
    expected: int
    reported: int
    on_time: int
    late: int
    not_reported: int
    approved: int
    items: list[CompletenessItem]

    @property
    def waiting(self) -> int:
        """Submitted and not yet approved nor returned: the reviewer's queue."""
        return sum(1 for i in self.items if i.status == "submitted")


class RankingItem(ApiModel):
    rank: int
    unit: UnitRef
    indicators: dict[str, float | None]
    targets: dict[str, float | None]
    attainment: dict[str, float | None] = {}
    targets_met: int
    approved: bool
    status: str = "approved"
    report_id: int | None = None


class Ranking(ApiModel):
    period: Period
    parent: UnitRef
    as_of: date | None = None  # whose structure names the offices (the API decides)
    covers: list[UnitRef] = []
    unattributed: list[UnitRef] = []
    note: str | None = None  # the API's sentence about predecessors, printed as is
    preview: bool = False
    approved_only: bool = True
    ranked: int = 0  # offices ranked; an office's own user gets only its own row
    items: list[RankingItem]


class TrendPoint(ApiModel):
    """A period of a unit's trend: its own report, or its predecessors' inputs summed (the
    API computes the rates from the sums; the page only draws them)."""

    period: str
    indicators: dict[str, float | None]
    targets: dict[str, float | None] = {}
    attainment: dict[str, float | None] = {}
    report_ids: list[int] = []
    status: str | None = None  # the unit's own report's; none for a sum
    approved: bool = True
    summed_from: list[UnitRef] = []


class Trend(ApiModel):
    points: list[TrendPoint] = []
    unattributed: list[UnitRef] = []


class TargetRow(ApiModel):
    indicator: str
    unit: UnitRef | None = None
    value: float


class Targets(ApiModel):
    year: int
    items: list[TargetRow] = []
    effective: dict[str, float | None] | None = None


class LockException(ApiModel):
    id: int
    period: str
    unit: UnitRef
    reason: str
    created_by: str
    created_at: datetime


class ImportProblem(ApiModel):
    row: int
    field: str
    message: str


class ImportIssue(ApiModel):
    row: int
    field: str
    rule: str = ""
    severity: str = "error"
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ImportSummary(ApiModel):
    dry_run: bool = True
    applied: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[ImportProblem] = []
    issues: list[ImportIssue] = []
