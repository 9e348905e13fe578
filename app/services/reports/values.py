"""Reading reports' input values in bulk: a few plain queries, whatever the number of reports
(used by the report pages, the rankings and the figures across a restructuring)."""

from collections.abc import Iterable

from sqlmodel import Session, col, select

from app.models.reports import ReportValue
from app.services.reports.catalogue import Catalogue

ValuesMap = dict[str, int]


def values_of(session: Session, cat: Catalogue, report_ids: Iterable[int]) -> dict[int, ValuesMap]:
    ids = list(report_ids)
    out: dict[int, ValuesMap] = {i: {} for i in ids}
    for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):
        rows = session.connection().execute(  # plain rows: no ORM step for thousands of them
            select(ReportValue.report_id, ReportValue.metric_id, ReportValue.value).where(
                col(ReportValue.report_id).in_(chunk)
            )
        )
        for report_id, metric_id, value in rows:
            code = cat.codes.get(metric_id)
            if code:
                out[report_id][code] = value
    return out
