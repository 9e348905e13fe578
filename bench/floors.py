"""The floor beside each scenario: the same database work as hand-written SQL, no app code.

Each function returns a callable `(i) -> None` for `timing.measure`.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select, text

from app.models import Report, ReportValue

RANKING_SQL = """
SELECT u.id, u.name, r.status,
       100.0 * (SUM(CASE WHEN v.metric_id = :viec_xong THEN v.value ELSE 0 END)
              + SUM(CASE WHEN v.metric_id = :viec_dc THEN v.value ELSE 0 END))
             / NULLIF(SUM(CASE WHEN v.metric_id = :viec_cdk THEN v.value ELSE 0 END), 0)
         AS ty_le_viec,
       100.0 * (SUM(CASE WHEN v.metric_id = :tien_xong THEN v.value ELSE 0 END)
              + SUM(CASE WHEN v.metric_id = :tien_dc THEN v.value ELSE 0 END))
             / NULLIF(SUM(CASE WHEN v.metric_id = :tien_cdk THEN v.value ELSE 0 END), 0)
         AS ty_le_tien
FROM report r
JOIN unit u ON u.id = r.unit_id
JOIN period p ON p.id = r.period_id
JOIN report_value v ON v.report_id = r.id
WHERE p.code = :period AND r.status = 'approved' AND u.path LIKE :prefix AND u.id <> :parent
GROUP BY u.id, u.name, r.status
ORDER BY ty_le_viec DESC, ty_le_tien DESC, u.name
"""

HISTORY_SQL = """
SELECT p.code, v.metric_id, v.value
FROM report r
JOIN period p ON p.id = r.period_id
JOIN report_value v ON v.report_id = r.id
WHERE r.unit_id = :unit AND p.code IN (:prev_quarter, :prev_year)
"""

YEAR_SQL = """
SELECT r.id, r.unit_id, r.period_id, r.status, v.metric_id, v.value
FROM report r
JOIN period p ON p.id = r.period_id
JOIN report_value v ON v.report_id = r.id
WHERE p.year = :year
"""


def _rate_metric_ids(metric_ids: dict[str, int]) -> dict[str, int]:
    names = {"xong": "thi_hanh_xong", "dc": "dinh_chi", "cdk": "co_dieu_kien"}
    return {f"{d}_{k}": metric_ids[f"{d}_{m}"] for d in ("viec", "tien") for k, m in names.items()}


def ranking(
    engine: Engine, metric_ids: dict[str, int], period: str, parent_id: int, parent_path: str
) -> Callable[[int], None]:
    """One query computing both rates per office, ordered."""
    params = {
        **_rate_metric_ids(metric_ids),
        "period": period,
        "prefix": parent_path + "%",
        "parent": parent_id,
    }

    def run(_i: int) -> None:
        with engine.connect() as conn:
            conn.execute(text(RANKING_SQL), params).all()

    return run


def save(
    engine: Engine, report_id: int, metric_ids: dict[str, int], values: list[dict[str, int]]
) -> Callable[[int], None]:
    """UPDATE the changed values and the report's version, read the values back, commit."""

    def run(i: int) -> None:
        rows = [
            {"r": report_id, "m": metric_ids[code], "v": value}
            for code, value in values[i % len(values)].items()
        ]
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE report_value SET value = :v WHERE report_id = :r AND metric_id = :m"),
                rows,
            )
            conn.execute(
                text("UPDATE report SET version = version + 1, updated_at = :now WHERE id = :r"),
                {"r": report_id, "now": datetime.now(UTC)},
            )
            conn.execute(
                text("SELECT metric_id, value FROM report_value WHERE report_id = :r"),
                {"r": report_id},
            ).all()

    return run


def validate(engine: Engine, unit_id: int, prev_quarter: str, prev_year: str):  # type: ignore[no-untyped-def]
    """The only reads a dry run needs: the values the cross-period rules compare with."""
    params = {"unit": unit_id, "prev_quarter": prev_quarter, "prev_year": prev_year}

    def run(_i: int) -> None:
        with engine.connect() as conn:
            conn.execute(text(HISTORY_SQL), params).all()

    return run


def import_year(
    engine: Engine, rows: list[dict[str, Any]], unit_ids: dict[str, int], period_ids: dict
) -> Callable[[int], None]:
    """Core executemany of the same reports and values, in a transaction rolled back."""
    now = datetime.now(UTC)
    reports = [
        {
            "unit_id": unit_ids[row["unit"]],
            "period_id": period_ids[row["period"]],
            "status": "draft",
            "is_late": False,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for row in rows
    ]

    def run(_i: int) -> None:
        with engine.connect() as conn:
            tx = conn.begin()
            first = (conn.scalar(select(func.max(Report.id))) or 0) + 1
            for n, report in enumerate(reports):
                report["id"] = first + n
            conn.execute(insert(Report.__table__), reports)  # type: ignore[attr-defined]
            conn.execute(
                insert(ReportValue.__table__),  # type: ignore[attr-defined]
                [
                    {"report_id": first + n, "metric_id": metric, "value": value}
                    for n, row in enumerate(rows)
                    for metric, value in row["metric_values"]
                ],
            )
            tx.rollback()

    return run


def read_year(engine: Engine, year: int) -> Callable[[int], None]:
    """What an all-unchanged re-import must read: the year's reports and values, one query."""

    def run(_i: int) -> None:
        with engine.connect() as conn:
            conn.execute(text(YEAR_SQL), {"year": year}).all()

    return run
