"""Bulk figures: import (JSON, CSV, .xlsx) keyed by unit code and period code, all or
nothing, with a dry run that can describe what each row would change. The files are measured
and read within bounds by app.services.spreadsheets; the writers live in exports."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import bindparam, insert, update
from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid
from app.core.messages import translate
from app.core.types import utcnow
from app.models.periods import Period
from app.models.reports import EDITABLE, MAX_VALUE, Report, ReportEvent, ReportStatus, ReportValue
from app.models.units import Unit
from app.services import audit, spreadsheets
from app.services.levels import reports_figures
from app.services.reports import catalogue, periods
from app.services.reports.exports import META_SHEET, TEMPLATE_SHEET
from app.services.reports.reports import evaluate_report, history_values, values_of
from app.services.scope import Actor, authorize, in_subtree
from app.services.succession import reporting_issue

UNIT_HEADERS = ("unit", "unit_code", "mã đơn vị")
PERIOD_HEADERS = ("period", "kỳ", "ky")
_GROUPED = re.compile(r"^\d{1,3}([. \u00a0]\d{3})+$")


@dataclass
class ImportRow:
    number: int  # as the client counts: CSV/xlsx line, JSON index + 1
    unit: str
    period: str
    values: dict[str, Any] = field(default_factory=dict)


class ImportError_(BaseModel):
    row: int
    field: str
    message: str


class ImportIssue(BaseModel):
    """A validation rule the row's figures break, as the figures form would show it: errors
    keep a report from being submitted, warnings ask the clerk to check."""

    row: int
    field: str
    rule: str
    severity: Literal["error", "warning"]
    message: str


class ImportChange(BaseModel):
    metric: str
    before: int | None
    after: int | None


class ImportRowPreview(BaseModel):
    """What one row of a dry run would do; the web page's preview shows these."""

    row: int
    unit: str
    unit_name: str
    period: str
    kind: Literal["new", "update", "unchanged"]
    changes: list[ImportChange] = []


class ImportSummary(BaseModel):
    dry_run: bool
    applied: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[ImportError_] = []
    # The rules every planned row breaks once imported (dry run and apply alike): a draft
    # that breaks a rule still imports, as the form saves it, but the clerk sees why it
    # cannot be submitted before applying, row by row and field by field.
    issues: list[ImportIssue] = []
    rows: list[ImportRowPreview] | None = None  # only when a preview is asked for


# ---- reading files -------------------------------------------------------------------------


def parse_number(raw: Any) -> int | str | None:
    """An integer, None for an empty cell, or the reason it is not a non-negative integer."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        return "Must be a non-negative whole number"
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not raw.is_integer():
            return "Must be a non-negative whole number"
        value = int(raw)
    else:
        text = str(raw).strip()
        if _GROUPED.match(text):  # 1.234.567 as Vietnamese write it
            text = re.sub(r"[. \u00a0]", "", text)
        if not text.isdigit():
            return "Must be a non-negative whole number"
        value = int(text)
    if value < 0 or value > MAX_VALUE:
        return "Must be a non-negative whole number"
    return value


def rows_from_json(body: Any) -> list[ImportRow]:
    items = body.get("rows") if isinstance(body, dict) else body
    if not isinstance(items, list):
        raise Invalid(FieldIssue("rows", "Must be a list of rows", "type"))
    rows = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise Invalid(FieldIssue(f"rows.{i}", "Must be an object", "type"))
        values = item.get("values") or {}
        if not isinstance(values, dict):
            raise Invalid(FieldIssue(f"rows.{i}.values", "Must be an object", "type"))
        rows.append(
            ImportRow(
                i,
                str(item.get("unit") or item.get("unit_code") or ""),
                str(item.get("period") or ""),
                values,
            )
        )
    return rows


def _rows_from_table(
    header: list[Any], records: Iterable[tuple[int, list[Any]]]
) -> list[ImportRow]:
    names = [str(h).strip().lower() if h is not None else "" for h in header]
    try:
        unit_col = next(i for i, n in enumerate(names) if n in UNIT_HEADERS)
        period_col = next(i for i, n in enumerate(names) if n in PERIOD_HEADERS)
    except StopIteration:
        raise Invalid(
            FieldIssue("file", "The first row must name the columns unit and period", "header")
        ) from None
    rows = []
    for number, record in records:
        if not any(c not in (None, "") for c in record):
            continue
        cells = list(record) + [None] * (len(names) - len(record))
        values = {
            names[i]: cells[i]
            for i in range(len(names))
            if i not in (unit_col, period_col) and names[i] and names[i] not in IGNORED_COLUMNS
        }
        rows.append(
            ImportRow(
                number,
                str(cells[unit_col] or "").strip(),
                str(cells[period_col] or "").strip(),
                values,
            )
        )
    return rows


IGNORED_COLUMNS = {"unit_name", "tên đơn vị", "status", "trạng thái", "ty_le_viec", "ty_le_tien"}


def rows_from_csv(data: bytes) -> list[ImportRow]:
    lines = spreadsheets.csv_records(data)
    if not lines:
        return []
    return _rows_from_table(lines[0], ((n, line) for n, line in enumerate(lines[1:], start=2)))


def rows_from_xlsx(data: bytes) -> list[ImportRow]:
    """Measured first, then streamed read-only: see app.services.spreadsheets."""
    book = spreadsheets.open_xlsx(data)
    try:
        if META_SHEET in book.sheetnames:  # one report's template
            return [_template_row(book)]
        rows = spreadsheets.sheet_rows(book.worksheets[0])
        header = next(rows, None)
        if header is None:
            return []
        return _rows_from_table(list(header), ((n, list(r)) for n, r in enumerate(rows, start=2)))
    finally:
        book.close()  # read-only workbooks keep the archive open


def _template_row(book: Any) -> ImportRow:
    meta = [[*r, None, None] for r in spreadsheets.sheet_rows(book[META_SHEET])]
    meta += [[None, None, None]] * 2
    sheet = book[TEMPLATE_SHEET] if TEMPLATE_SHEET in book.sheetnames else book.worksheets[0]
    values: dict[str, Any] = {}
    for row in spreadsheets.sheet_rows(sheet, values_only=False):
        code = row[0].value if row else None
        is_code = isinstance(code, str) and re.fullmatch(r"[a-z_][a-z0-9_]*", code)
        # input cells only: the derived rows are locked and recomputed anyway
        if is_code and len(row) >= 3 and row[2].protection.locked is False:
            values[str(code)] = row[2].value
    return ImportRow(1, str(meta[0][1] or ""), str(meta[1][1] or ""), values)


# ---- applying ------------------------------------------------------------------------------


def import_rows(
    session: Session,
    actor: Actor,
    rows: list[ImportRow],
    *,
    dry_run: bool,
    lang: str = "vi",
    preview: int = 0,
) -> ImportSummary:
    """All rows or none. Re-sending the same figures changes nothing. With `preview`, the
    summary also describes what the first `preview` valid rows would do."""
    authorize(actor, "reports.write")
    cat = catalogue.load(session)
    summary = ImportSummary(dry_run=dry_run, applied=False, rows=[] if preview else None)
    unit_codes = {r.unit for r in rows}
    period_codes = {r.period for r in rows}
    units = {
        u.code: u
        for u in session.exec(
            select(Unit).where(col(Unit.code).in_(unit_codes), in_subtree(actor))
        ).all()
    }
    period_map = {
        p.code: p
        for p in session.exec(select(Period).where(col(Period.code).in_(period_codes))).all()
    }
    existing = {
        (r.unit_id, r.period_id): r
        for r in session.exec(
            select(Report).where(
                col(Report.unit_id).in_([u.id for u in units.values()]),
                col(Report.period_id).in_([p.id for p in period_map.values()]),
            )
        ).all()
    }
    existing_values = values_of(session, cat, [r.id for r in existing.values()])  # type: ignore[misc]
    closed = [
        (p.id, u.id) for p in period_map.values() if p.status != "open" for u in units.values()
    ]
    excepted = periods.exceptions_among(session, closed)
    seen: dict[tuple[str, str], int] = {}
    plan: list[tuple[ImportRow, Unit, Period, Report | None, dict[str, int | None]]] = []

    def reject(row: ImportRow, field_name: str, message: str, /, **params: Any) -> None:
        text = translate(message, lang, params)
        summary.errors.append(ImportError_(row=row.number, field=field_name, message=text))

    def describe(
        row: ImportRow, unit: Unit, kind: str, before: dict[str, int], after: dict
    ) -> None:
        if summary.rows is not None and len(summary.rows) < preview:
            changes = [
                ImportChange(metric=c, before=before.get(c), after=v) for c, v in after.items()
            ]
            summary.rows.append(
                ImportRowPreview(
                    row=row.number,
                    unit=unit.code,
                    unit_name=unit.name,
                    period=row.period,
                    kind=kind,  # type: ignore[arg-type]
                    changes=changes,
                )
            )

    derived = {c for c, _ in cat.derived}
    for row in rows:
        errors_before = len(summary.errors)
        unit = units.get(row.unit)
        period = period_map.get(row.period)
        if unit is None or not reports_figures(unit):
            reject(row, "unit", "Unknown unit code")
        if period is None:
            reject(row, "period", "Unknown period code")
        elif unit is not None and (issue := reporting_issue(session, unit, period.ends_on)):
            reject(row, "unit", issue.message, **issue.params)  # the rule of create_report
        key = (row.unit, row.period)
        if key in seen:
            reject(row, "unit", "Duplicate of row {row}", row=seen[key])
        seen.setdefault(key, row.number)
        parsed: dict[str, int | None] = {}
        for code, raw in row.values.items():
            if code in derived:
                continue  # exported derived columns are recomputed, not imported
            if code not in cat.inputs:
                reject(row, code, "Unknown metric")
                continue
            value = parse_number(raw)
            if isinstance(value, str):
                reject(row, code, value)
            elif value is not None:
                parsed[code] = value
        if len(summary.errors) > errors_before or unit is None or period is None:
            continue
        report = existing.get((unit.id, period.id))  # type: ignore[arg-type]
        current = existing_values.get(report.id, {}) if report else {}  # type: ignore[arg-type]
        changes = {c: v for c, v in parsed.items() if current.get(c) != v}
        if not changes:  # nothing new: an existing report, or an empty sheet for a new one
            summary.unchanged += 1
            describe(row, unit, "unchanged", current, {})
            continue
        if report is not None and report.status not in EDITABLE:
            reject(row, "status", "The report is {status} and locked", status=report.status)
            continue
        if period.status != "open" and (period.id, unit.id) not in excepted:
            reject(row, "period", "The period is closed for this unit")
            continue
        plan.append((row, unit, period, report, changes))
        describe(row, unit, "new" if report is None else "update", current, changes)
    summary.rejected = len({e.row for e in summary.errors})
    summary.issues = _rule_issues(session, cat, plan, existing_values, lang)
    summary.created = sum(1 for p in plan if p[3] is None)
    summary.updated = len(plan) - summary.created
    if summary.rejected or dry_run:
        return summary
    _apply(session, actor, cat, plan, existing_values)
    session.commit()
    summary.applied = True
    return summary


def _rule_issues(
    session: Session,
    cat: catalogue.Catalogue,
    plan: list[tuple[ImportRow, Unit, Period, Report | None, dict[str, int | None]]],
    existing_values: dict[int, dict[str, int]],
    lang: str,
) -> list[ImportIssue]:
    """Every rule over each planned row's figures as they would stand after the import."""
    history = history_values(session, cat, [(unit.id, period) for _, unit, period, _, _ in plan])  # type: ignore[misc]
    found = []
    for row, unit, period, report, changes in plan:
        current = existing_values.get(report.id, {}) if report else {}  # type: ignore[arg-type]
        after = {**current, **changes}
        evaluation = evaluate_report(cat, unit.id, period, after, history, lang)  # type: ignore[arg-type]
        for issue in evaluation.issues:
            for field_name in issue.fields or ["values"]:
                found.append(
                    ImportIssue(
                        row=row.number,
                        field=field_name,
                        rule=issue.rule,
                        severity=issue.severity,
                        message=issue.message,
                    )
                )
    return found


def _apply(
    session: Session,
    actor: Actor,
    cat: catalogue.Catalogue,
    plan: list[tuple[ImportRow, Unit, Period, Report | None, dict[str, int | None]]],
    current: dict[int, dict[str, int]],
) -> None:
    """Write the plan in a few bulk statements, whatever its size: the new reports and their
    "import" events, the values inserted or updated, each changed report's version, one audit
    entry per report — the same rows as writing report by report, without a query apiece."""
    now = utcnow()
    conn = session.connection()  # Core executemany: no per-row ORM bookkeeping
    new = [(unit, period, changes) for _, unit, period, report, changes in plan if report is None]
    new_ids: dict[tuple[int, int], int] = {}
    if new:
        # RETURNING the natural key too: batched on every engine, no row order to rely on.
        result = conn.execute(
            insert(Report).returning(Report.unit_id, Report.period_id, Report.id),  # type: ignore[arg-type]
            [
                {
                    "unit_id": unit.id,
                    "period_id": period.id,
                    "status": ReportStatus.draft,
                    "version": 2 if changes else 1,  # created, then its values written
                    "created_at": now,
                    "updated_at": now,
                }
                for unit, period, changes in new
            ],
        )
        new_ids = {(unit_id, period_id): i for unit_id, period_id, i in result}
        conn.execute(
            insert(ReportEvent),
            [
                {"report_id": i, "at": now, "actor": actor.username, "action": "import"}
                for i in new_ids.values()
            ],
        )
    inserts, updates, entries = [], [], []
    for _row, unit, period, report, changes in plan:
        if report is None:
            report_id, before = new_ids[(unit.id, period.id)], {}  # type: ignore[index]
        else:
            report_id, before = report.id, current.get(report.id, {})  # type: ignore[arg-type]
            report.version += 1  # an existing report in the plan always changes
            report.updated_at = now
            session.add(report)
        for code, value in changes.items():
            row = {"report_id": report_id, "metric_id": cat.ids[code], "value": value}
            (updates if code in before else inserts).append(row)
        after = {**before, **changes}
        entries.append(
            (
                report_id,
                unit.id,
                {"values": before} if before else None,
                {"period": period.code, "values": after},
            )
        )
    if inserts:
        conn.execute(insert(ReportValue), inserts)
    if updates:
        conn.execute(
            update(ReportValue)
            .where(
                ReportValue.report_id == bindparam("key_report"),  # type: ignore[arg-type]
                ReportValue.metric_id == bindparam("key_metric"),  # type: ignore[arg-type]
            )
            .values(value=bindparam("value")),
            [
                {"key_report": u["report_id"], "key_metric": u["metric_id"], "value": u["value"]}
                for u in updates
            ],
        )
    audit.record_many(session, actor, "import", "report", entries)
