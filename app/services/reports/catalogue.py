"""The THADS figures' definitions (TT 06/2019/TT-BTP; domain brief §3.3), seeded as data.

`ensure_catalogue` inserts what is missing and leaves what an administrator changed alone.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.models.metrics import (
    Dimension,
    Indicator,
    IndicatorPublic,
    Metric,
    MetricKind,
    MetricPublic,
    Severity,
    ValidationRule,
    ValidationRulePublic,
)
from app.services.reports.formulas import Comparison, Sum, parse_comparison, parse_sum
from app.services.scope import Actor, authorize

# (suffix, Vietnamese, English, kind, formula over the same dimension's suffixes); in the names
# {d} is the dimension's word ("việc", "tiền" / "cases", "money"), {D} the same capitalised.
_FLOW = [
    ("cu_chuyen_sang", "Số {d} cũ chuyển sang", "{D} carried over", MetricKind.input, None),
    ("thu_ly_moi", "Số {d} thụ lý mới", "{D} newly accepted", MetricKind.input, None),
    (
        "tong_thu_ly",
        "Tổng số {d} thụ lý",
        "Total {d} accepted",
        MetricKind.derived,
        "{d}_cu_chuyen_sang + {d}_thu_ly_moi",
    ),
    ("uy_thac", "Số {d} ủy thác", "{D} delegated out", MetricKind.input, None),
    (
        "phai_thi_hanh",
        "Tổng số {d} phải thi hành",
        "Total {d} to enforce",
        MetricKind.derived,
        "{d}_tong_thu_ly - {d}_uy_thac",
    ),
    ("co_dieu_kien", "Số {d} có điều kiện thi hành", "{D} enforceable", MetricKind.input, None),
    (
        "chua_co_dieu_kien",
        "Số {d} chưa có điều kiện thi hành",
        "{D} not yet enforceable",
        MetricKind.input,
        None,
    ),
    ("thi_hanh_xong", "Số {d} thi hành xong", "{D} completed", MetricKind.input, None),
    ("dinh_chi", "Số {d} đình chỉ thi hành", "{D} terminated", MetricKind.input, None),
    (
        "chuyen_ky_sau",
        "Số {d} chuyển kỳ sau",
        "{D} carried to next period",
        MetricKind.derived,
        "{d}_phai_thi_hanh - {d}_thi_hanh_xong - {d}_dinh_chi",
    ),
]
_DIMENSIONS = [(Dimension.cases, "việc", "cases"), (Dimension.money, "tiền", "money")]
# Names seeded before the glossary fixed the wording: renamed in place unless changed since.
_OLD_NAMES = {
    "viec_tong_thu_ly": ("Số việc tổng số thụ lý", "Cases total accepted"),
    "viec_phai_thi_hanh": ("Số việc tổng số phải thi hành", "Cases total to enforce"),
    "tien_tong_thu_ly": ("Số tiền tổng số thụ lý", "Money total accepted"),
    "tien_phai_thi_hanh": ("Số tiền tổng số phải thi hành", "Money total to enforce"),
}


def _metrics() -> list[Metric]:
    out = []
    position = 0
    for dim, vi_word, en_word in _DIMENSIONS:
        for suffix, vi, en, kind, formula in _FLOW:
            position += 10
            out.append(
                Metric(
                    code=f"{dim.value}_{suffix}",
                    name_vi=vi.format(d=vi_word),
                    name_en=en.format(d=en_word, D=en_word.capitalize()),
                    dimension=dim,
                    kind=kind,
                    formula=formula.format(d=dim.value) if formula else None,
                    position=position,
                )
            )
    return out


INDICATORS = [
    Indicator(
        code="ty_le_viec",
        name_vi="Tỷ lệ thi hành xong về việc",
        name_en="Completion rate (cases)",
        numerator="viec_thi_hanh_xong + viec_dinh_chi",
        denominator="viec_co_dieu_kien",
        position=1,
    ),
    Indicator(
        code="ty_le_tien",
        name_vi="Tỷ lệ thi hành xong về tiền",
        name_en="Completion rate (money)",
        numerator="tien_thi_hanh_xong + tien_dinh_chi",
        denominator="tien_co_dieu_kien",
        position=2,
    ),
]


def _rules() -> list[ValidationRule]:
    rules: list[ValidationRule] = []
    for dim, vi, en in [(Dimension.cases, "việc", "cases"), (Dimension.money, "tiền", "money")]:
        d = dim.value
        rules += [
            ValidationRule(
                code=f"{d}_phai_thi_hanh_can_bang",
                severity=Severity.error,
                expression=f"{d}_phai_thi_hanh == {d}_co_dieu_kien + {d}_chua_co_dieu_kien",
                fields=f"{d}_co_dieu_kien,{d}_chua_co_dieu_kien",
                message_vi=f"Tổng số {vi} phải thi hành phải bằng số có điều kiện cộng số chưa có điều kiện thi hành",
                message_en=f"Total {en} to enforce must equal enforceable plus not yet enforceable",
            ),
            ValidationRule(
                code=f"{d}_xong_khong_vuot_co_dieu_kien",
                severity=Severity.error,
                expression=f"{d}_thi_hanh_xong + {d}_dinh_chi <= {d}_co_dieu_kien",
                fields=f"{d}_thi_hanh_xong,{d}_dinh_chi",
                message_vi=f"Số {vi} thi hành xong cộng đình chỉ không được vượt số có điều kiện thi hành",
                message_en=f"Completed plus terminated {en} must not exceed enforceable",
            ),
            ValidationRule(
                code=f"{d}_uy_thac_khong_vuot_thu_ly",
                severity=Severity.error,
                expression=f"{d}_uy_thac <= {d}_tong_thu_ly",
                fields=f"{d}_uy_thac",
                message_vi=f"Số {vi} ủy thác không được vượt tổng số thụ lý",
                message_en=f"Delegated {en} must not exceed total accepted",
            ),
        ]
        for suffix, vi_name, en_name in [
            ("thu_ly_moi", "thụ lý mới", "newly accepted"),
            ("thi_hanh_xong", "thi hành xong", "completed"),
            ("dinh_chi", "đình chỉ", "terminated"),
            ("uy_thac", "ủy thác", "delegated"),
        ]:
            rules.append(
                ValidationRule(
                    code=f"{d}_{suffix}_luy_ke",
                    severity=Severity.warning,
                    expression=f"{d}_{suffix} >= prev.{d}_{suffix}",
                    fields=f"{d}_{suffix}",
                    message_vi=f"Số {vi} {vi_name} (lũy kế) thấp hơn quý trước của cùng năm thống kê",
                    message_en=f"Cumulative {en} {en_name} is lower than in the previous quarter of the same year",
                )
            )
        rules += [
            ValidationRule(
                code=f"{d}_cu_chuyen_sang_trong_nam",
                severity=Severity.warning,
                expression=f"{d}_cu_chuyen_sang == prev.{d}_cu_chuyen_sang",
                fields=f"{d}_cu_chuyen_sang",
                message_vi=f"Số {vi} cũ chuyển sang khác với quý trước của cùng năm thống kê",
                message_en=f"{en.capitalize()} carried over differ from the previous quarter of the same year",
            ),
            ValidationRule(
                code=f"{d}_cu_chuyen_sang_nam_truoc",
                severity=Severity.warning,
                expression=f"{d}_cu_chuyen_sang == prev_year.{d}_chuyen_ky_sau",
                fields=f"{d}_cu_chuyen_sang",
                message_vi=f"Số {vi} cũ chuyển sang khác số chuyển kỳ sau của năm thống kê trước",
                message_en=f"{en.capitalize()} carried over differ from last year's carried to next period",
            ),
        ]
    for i, rule in enumerate(rules):
        rule.position = i
    return rules


def _rename_old_metrics(session: Session) -> None:
    """Metrics still carrying a name seeded before the glossary take its wording; a name an
    administrator chose is left alone."""
    new = {m.code: m for m in _metrics() if m.code in _OLD_NAMES}
    for row in session.exec(select(Metric).where(col(Metric.code).in_(list(new)))).all():
        old_vi, old_en = _OLD_NAMES[row.code]
        if row.name_vi == old_vi:
            row.name_vi = new[row.code].name_vi
        if row.name_en == old_en:
            row.name_en = new[row.code].name_en
        session.add(row)


def ensure_catalogue(session: Session) -> int:
    """Insert the THADS metrics, indicators and rules that are missing; returns how many."""
    _rename_old_metrics(session)
    added = 0
    for model, rows in ((Metric, _metrics()), (Indicator, INDICATORS), (ValidationRule, _rules())):
        existing = set(session.exec(select(model.code)).all())  # type: ignore[attr-defined]
        for row in rows:
            if row.code not in existing:
                session.add(model.model_validate(row.model_dump(exclude={"id"})))
                added += 1
    session.commit()
    return added


@dataclass(frozen=True)
class RuleDef:
    code: str
    severity: Severity
    check: Comparison
    fields: tuple[str, ...]
    message_vi: str
    message_en: str
    needs_history: bool


@dataclass(frozen=True)
class Catalogue:
    metrics: tuple[Metric, ...]
    inputs: tuple[str, ...]
    derived: tuple[tuple[str, Sum], ...]
    indicators: tuple[tuple[str, Sum, Sum], ...]
    indicator_rows: tuple[Indicator, ...]
    rules: tuple[RuleDef, ...]
    ids: dict[str, int]
    codes: dict[int, str]


def load(session: Session) -> Catalogue:
    metrics = tuple(session.exec(select(Metric).order_by(Metric.position, Metric.id)).all())
    indicators = tuple(
        session.exec(select(Indicator).order_by(Indicator.position, Indicator.id)).all()
    )
    rules = session.exec(
        select(ValidationRule).order_by(ValidationRule.position, ValidationRule.id)
    ).all()
    rule_defs = []
    for r in rules:
        check = parse_comparison(r.expression)
        rule_defs.append(
            RuleDef(
                r.code,
                Severity(r.severity),
                check,
                tuple(f for f in r.fields.split(",") if f),
                r.message_vi,
                r.message_en,
                any(source for source, _ in check.references()),
            )
        )
    return Catalogue(
        metrics=metrics,
        inputs=tuple(m.code for m in metrics if m.kind == MetricKind.input),
        derived=tuple(
            (m.code, parse_sum(m.formula or "0")) for m in metrics if m.kind == MetricKind.derived
        ),
        indicators=tuple(
            (i.code, parse_sum(i.numerator), parse_sum(i.denominator)) for i in indicators
        ),
        indicator_rows=indicators,
        rules=tuple(rule_defs),
        ids={m.code: m.id for m in metrics},  # type: ignore[misc]
        codes={m.id: m.code for m in metrics},  # type: ignore[misc]
    )


def list_metrics(session: Session, actor: Actor) -> list[MetricPublic]:
    authorize(actor, "reports.read")
    return [MetricPublic.model_validate(m) for m in load(session).metrics]


def list_indicators(session: Session, actor: Actor) -> list[IndicatorPublic]:
    authorize(actor, "reports.read")
    return [IndicatorPublic.model_validate(i) for i in load(session).indicator_rows]


def list_rules(session: Session, actor: Actor) -> list[ValidationRulePublic]:
    authorize(actor, "reports.read")
    rows = session.exec(
        select(ValidationRule).order_by(ValidationRule.position, ValidationRule.id)
    ).all()
    return [
        ValidationRulePublic.model_validate(
            r, update={"fields": [f for f in r.fields.split(",") if f]}
        )
        for r in rows
    ]
