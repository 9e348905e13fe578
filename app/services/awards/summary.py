"""The year's award summary for a unit: counts by issuing authority × award type ×
collective/individual × internal/external, as data, .docx (in the shape of the year-end
article) and .xlsx."""

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from num2words import num2words
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from pydantic import BaseModel, Field
from sqlmodel import Session, col, func, select

from app.models.awards import Award, AwardType, AwardTypeRef, Decision, RecipientKind
from app.models.levels import LEVEL_RANK
from app.models.units import Unit, UnitRef
from app.services import spreadsheets
from app.services.levels import confers_as
from app.services.reports.periods import bounds
from app.services.scope import Actor, authorize, unit_in_scope
from app.services.succession import coverage, descendants, parents_on, succession_note
from app.services.unit_history import refs_on

CATEGORY_ORDER = {"grade": 0, "title": 1, "form": 2}


class SummaryRow(BaseModel):
    issuer: UnitRef
    award_type: AwardTypeRef
    recipient_kind: RecipientKind
    external: bool
    count: int


class SummaryTotals(BaseModel):
    awards: int
    collective: int
    individual: int
    internal: int
    external: int


class AwardSummary(BaseModel):
    year: int
    unit: UnitRef
    as_of: date | None = Field(
        default=None,
        description="The day whose structure names the unit and the issuers: the statistics "
        "year's end (30/09) unless asked otherwise",
    )
    covers: list[UnitRef] = Field(
        default_factory=list,
        description="For a unit made after the year: the predecessors whose awards are summed "
        "(named as they were); empty when the awards are the unit's own",
    )
    unattributed: list[UnitRef] = Field(
        default_factory=list,
        description="Predecessors split between several successors: not counted, their share "
        "is unknown",
    )
    note: str | None = Field(default=None, description="Says the above in a sentence")
    include_all: bool
    rows: list[SummaryRow]
    totals: SummaryTotals


def summarise(
    session: Session,
    actor: Actor,
    year: int,
    unit_id: int | None,
    *,
    include_all: bool = False,
    as_of: date | None = None,
    lang: str = "vi",
) -> AwardSummary:
    """Names as of the year's end (or `as_of`); a unit made after the year sums the awards
    of its predecessors (services/succession) and says so."""
    authorize(actor, "awards.read")
    unit = unit_in_scope(session, actor, unit_id if unit_id is not None else actor.unit_id)  # type: ignore[arg-type]
    year_end = bounds(year, 4)[1]
    day = as_of or year_end
    cov = coverage(session, unit.id, year_end)  # type: ignore[arg-type]
    # The subtree as it stood at the year's end: offices moved since still count where they sat.
    tree = {*cov.units, *descendants(parents_on(session, year_end), cov.units)}
    collective = col(Award.recipient_unit_id).is_not(None)
    stmt = (
        select(Decision.issuer_id, Award.award_type_id, collective, Award.is_external, func.count())
        .join(Decision, Decision.id == Award.decision_id)
        .where(
            Award.year == year,
            col(Award.revoked_at).is_(None),
            col(Award.unit_id).in_(tree),
        )
        .group_by(Decision.issuer_id, Award.award_type_id, collective, Award.is_external)
    )
    grouped = session.exec(stmt).all()
    types = {t.id: t for t in session.exec(select(AwardType)).all()}
    issuers = {
        u.id: u
        for u in session.exec(select(Unit).where(col(Unit.id).in_({g[0] for g in grouped}))).all()
    }
    names = refs_on(session, {*issuers, unit.id, *cov.units, *cov.unattributed}, day)  # type: ignore[arg-type]
    rows = []
    for issuer_id, type_id, is_collective, external, count in grouped:
        award_type = types[type_id]
        if not include_all and not award_type.in_summary:
            continue
        rows.append(
            (
                (
                    LEVEL_RANK.get(confers_as(issuers[issuer_id]), 9),  # type: ignore[arg-type]
                    not external,
                    CATEGORY_ORDER[award_type.category],
                    award_type.position,
                    not is_collective,
                ),
                SummaryRow(
                    issuer=names[issuer_id],
                    award_type=AwardTypeRef.model_validate(award_type),
                    recipient_kind=RecipientKind.collective
                    if is_collective
                    else RecipientKind.individual,
                    external=bool(external),
                    count=count,
                ),
            )
        )
    ordered = [r for _, r in sorted(rows, key=lambda pair: pair[0])]
    total = sum(r.count for r in ordered)
    covers = [names[u] for u in cov.units] if cov.inherited else []
    unattributed = [names[u] for u in cov.unattributed]
    return AwardSummary(
        year=year,
        unit=names[unit.id],  # type: ignore[index]
        as_of=day,
        covers=covers,
        unattributed=unattributed,
        note=succession_note(
            "Summed from the predecessor units: {units}", covers, unattributed, lang
        ),
        include_all=include_all,
        rows=ordered,
        totals=SummaryTotals(
            awards=total,
            collective=sum(
                r.count for r in ordered if r.recipient_kind == RecipientKind.collective
            ),
            individual=sum(
                r.count for r in ordered if r.recipient_kind == RecipientKind.individual
            ),
            internal=sum(r.count for r in ordered if not r.external),
            external=sum(r.count for r in ordered if r.external),
        ),
    )


def in_words(n: int) -> str:
    """ "19 (mười chín)" — counts written out, as official Vietnamese reports do."""
    return f"{n:02d} ({num2words(n, lang='vi')})" if n < 10 else f"{n} ({num2words(n, lang='vi')})"


def _phrase(rows: list[SummaryRow]) -> str:
    """One issuer's awards as a sentence in the article's style."""
    parts = []
    by_type: dict[str, list[SummaryRow]] = {}
    for r in rows:
        by_type.setdefault(r.award_type.code, []).append(r)
    for items in by_type.values():
        t = items[0].award_type
        people = " và ".join(
            f"{in_words(r.count)} {'tập thể' if r.recipient_kind == 'collective' else 'cá nhân'}"
            for r in items
        )
        if t.code.startswith("CO_THI_DUA"):
            parts.append(f"tặng {in_words(sum(r.count for r in items))} {t.name_vi}")
        elif t.category == "title":
            parts.append(f"công nhận {people} đạt danh hiệu “{t.name_vi}”")
        elif t.category == "grade":
            parts.append(f"{t.name_vi[0].lower() + t.name_vi[1:]} cho {people}")
        else:
            parts.append(f"tặng {t.name_vi} cho {people}")
    return "; ".join(parts)


TABLE_HEADER = [
    "STT",
    "Cấp khen thưởng",
    "Danh hiệu, hình thức",
    "Đối tượng",
    "Trong/ngoài ngành",
    "Số lượng",
]


def _table_rows(summary: AwardSummary) -> list[list[object]]:
    return [
        [
            i,
            r.issuer.name,
            r.award_type.name_vi,
            "Tập thể" if r.recipient_kind == "collective" else "Cá nhân",
            "Ngoài ngành" if r.external else "Trong ngành",
            r.count,
        ]
        for i, r in enumerate(summary.rows, start=1)
    ]


def to_docx(summary: AwardSummary, *, today: date) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(13)  # type: ignore[attr-defined]
    title = doc.add_heading(
        f"KẾT QUẢ PHONG TRÀO THI ĐUA VÀ CÔNG TÁC KHEN THƯỞNG NĂM {summary.year}", level=1
    )
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(f"của {summary.unit.name}")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if summary.note:  # a successor's year before it existed: whose awards these are
        doc.add_paragraph(summary.note).runs[0].italic = True
    external = [r for r in summary.rows if r.external]
    internal = [r for r in summary.rows if not r.external]
    doc.add_heading("I. Khen thưởng tập thể, cá nhân ngoài ngành", level=2)
    if external:
        for issuer in dict.fromkeys(r.issuer.name for r in external):
            mine = [r for r in external if r.issuer.name == issuer]
            doc.add_paragraph(f"Năm {summary.year}, {issuer} đã {_phrase(mine)} ngoài ngành.")
    else:
        doc.add_paragraph(
            f"Năm {summary.year} chưa có khen thưởng cho tập thể, cá nhân ngoài ngành."
        )
    doc.add_heading("II. Khen thưởng tập thể, cá nhân trong ngành", level=2)
    for issuer in dict.fromkeys(r.issuer.name for r in internal):
        mine = [r for r in internal if r.issuer.name == issuer]
        doc.add_paragraph(f"{issuer}: {_phrase(mine)}.", style="List Bullet")
    doc.add_heading("III. Bảng tổng hợp", level=2)
    table = doc.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in _table_rows(summary):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value)
    total = table.add_row().cells
    total[1].text = "Tổng cộng"
    total[5].text = str(summary.totals.awards)
    doc.add_paragraph(
        f"Tổng số: {in_words(summary.totals.awards)} lượt khen thưởng, trong đó {in_words(summary.totals.collective)} "
        f"lượt tập thể và {in_words(summary.totals.individual)} lượt cá nhân; ngoài ngành "
        f"{in_words(summary.totals.external)} lượt."
    )
    footer = doc.add_paragraph(f"Số liệu tổng hợp từ hệ thống thidua ngày {today:%d/%m/%Y}.")
    footer.runs[0].italic = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_xlsx(summary: AwardSummary) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"Khen thưởng {summary.year}"
    spreadsheets.append_row(
        sheet, [f"TỔNG HỢP KHEN THƯỞNG NĂM {summary.year} — {summary.unit.name}"]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    spreadsheets.append_row(sheet, [summary.note] if summary.note else [])
    sheet.append(TABLE_HEADER)
    for cell in sheet[3]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    for row in _table_rows(summary):
        spreadsheets.append_row(sheet, row)  # issuer and award names are text, never formulas
    sheet.append(["", "Tổng cộng", "", "", "", summary.totals.awards])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (6, 40, 38, 12, 16, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
