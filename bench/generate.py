"""The national-scale data set: deterministic (fixed seeds), loaded with Core bulk inserts.

Bộ Tư pháp → Tổng cục THADS → one Cục per province (its internal offices and 8–15 Chi cục);
staff in every office; the THADS catalogue; four closed quarters per statistics year with one
report per Chi cục (mostly approved, figures shaped by `app.demo.figures.quarter_values` with
per-office variation); default targets per year. For the scenarios: an open quarter with a
draft per office, four open empty quarters for the bulk import, three users with tokens.
"""

import random
import time as clock
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from app.demo.figures import Office, carried_to_next, quarter_values
from app.models import Period, Person, Report, ReportValue, Target, Unit, UnitVersion
from app.models.levels import LevelCode
from app.models.users import Role
from app.services.reports import catalogue, periods
from app.services.text import fold
from bench.config import Size
from bench.load import analyze, bulk_insert, fix_sequences, make_users, reset_and_migrate
from bench.names import CUC_OFFICES, FAMILY, GIVEN, MIDDLE, POSITIONS, PROVINCES, SYLLABLES

SEED = 20221001
CREATED = datetime(2012, 10, 1, 1, 0, tzinfo=UTC)
STAMP = {"created_at": CREATED, "updated_at": CREATED, "version": 1}


@dataclass
class Built:
    """What the scenarios need to know about the generated data set."""

    root_id: int = 0
    general_id: int = 0
    province_id: int = 0  # the reviewer's Cục
    district_id: int = 0  # the reporter's Chi cục
    district_code: str = ""
    draft_report_id: int = 0  # the reporter's draft, saved through the API
    floor_report_id: int = 0  # another office's draft, written by the raw SQL floor
    draft_values: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # role -> bearer secret
    import_rows: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


# ---- the hierarchy -----------------------------------------------------------------------


def unit_version(unit: dict[str, Any]) -> dict[str, Any]:
    """A unit's one version (as services/unit_history.record_first writes it)."""
    keys = ("code", "name", "search_name", "kind", "parent_id", "valid_from", "valid_to")
    return {"unit_id": unit["id"], **{k: unit[k] for k in keys}}


class Units:
    """Units with ids handed out here, so that paths are known before anything is inserted."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, code: str, name: str, kind: LevelCode, parent: dict[str, Any] | None) -> dict:
        unit_id = len(self.rows) + 1
        row = {
            **STAMP,
            "id": unit_id,
            "code": code,
            "name": name,
            "kind": kind.value,
            "parent_id": parent["id"] if parent else None,
            "valid_from": None,
            "valid_to": None,
            "address": None,
            "is_external": False,
            "path": (parent["path"] if parent else "/") + f"{unit_id:08d}/",  # = units.path_of
            "search_name": fold(name),
        }
        self.rows.append(row)
        return row


def _district_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = " ".join(rng.sample(SYLLABLES, 2))
        if name not in names:
            names.append(name)
    return names


def build_units(size: Size, rng: random.Random) -> tuple[Units, list[dict], list[dict]]:
    """Returns the units, the Cục rows and the Chi cục rows."""
    units = Units()
    root = units.add("BTP", "Bộ Tư pháp", LevelCode.ministry, None)
    general = units.add(
        "TCTHADS", "Tổng cục Thi hành án dân sự", LevelCode.general_department, root
    )
    provinces, districts = [], []
    for province, city in PROVINCES[: size.provinces]:
        code = "".join(ch for ch in fold(province).upper() if ch.isalnum())
        level = "thành phố" if city else "tỉnh"
        cuc = units.add(
            f"CTHADS-{code}",
            f"Cục Thi hành án dân sự {level} {province}",
            LevelCode.provincial_department,
            general,
        )
        provinces.append(cuc)
        for suffix, office in CUC_OFFICES:
            units.add(f"{code}-{suffix}", office, LevelCode.internal_office, cuc)
        count = rng.randint(*size.districts)
        for i, name in enumerate(_district_names(rng, count), start=1):
            level = "quận" if city else ("thành phố" if i == 1 else "huyện")
            districts.append(
                units.add(
                    f"CC-{code}-{i:02d}",
                    f"Chi cục Thi hành án dân sự {level} {name}",
                    LevelCode.district_office,
                    cuc,
                )
            )
    return units, provinces, districts


# ---- people ------------------------------------------------------------------------------


def build_people(size: Size, rng: random.Random, units: Units, weight: dict[int, float]) -> list:
    """About `size.people` staff, spread over the offices by weight (bigger offices, more)."""
    total_weight = sum(weight.values())
    positions = [p for p, _ in POSITIONS]
    shares = [s for _, s in POSITIONS]
    rows = []
    for unit in units.rows:
        w = weight.get(unit["id"])
        if not w:
            continue
        for n in range(max(3, round(size.people * w / total_weight))):
            gender = "female" if rng.random() < 0.46 else "male"
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
            head = n == 0
            rows.append(
                {
                    **STAMP,
                    "id": len(rows) + 1,
                    "unit_id": unit["id"],
                    "full_name": name,
                    "search_name": fold(name),
                    "gender": gender,
                    "birth_year": rng.randint(1965, 2000),
                    "position": "Trưởng đơn vị" if head else rng.choices(positions, shares)[0],
                    "organisation": None,
                    "recruited_on": date(rng.randint(1990, 2021), rng.randint(1, 12), 1),
                    "is_external": False,
                    "is_active": True,
                    "is_demo": False,
                }
            )
    return rows


# ---- periods, reports, values ------------------------------------------------------------


def build_periods(size: Size) -> list[dict[str, Any]]:
    plan = [(y, q, "closed") for y in size.years for q in (1, 2, 3, 4)]
    plan.append((size.draft_year, 1, "open"))
    plan += [(size.import_year, q, "open") for q in (1, 2, 3, 4)]
    rows = []
    for year, quarter, status in plan:
        starts, ends = periods.bounds(year, quarter)
        rows.append(
            {
                **STAMP,
                "id": len(rows) + 1,
                "code": periods.code_for(year, quarter),
                "year": year,
                "quarter": quarter,
                "starts_on": starts,
                "ends_on": ends,
                "due_on": periods.add_working_days(ends, periods.DUE_WORKING_DAYS, set()),
                "status": status,
            }
        )
    return rows


def office_profile(rng: random.Random, code: str) -> Office:
    """An office's caseload and its usual rates; each year varies around them."""
    return Office(
        code=code,
        size=min(3.0, max(0.3, rng.lognormvariate(0, 0.45))),
        cdk_share=rng.uniform(0.64, 0.80),
        year_rate=rng.uniform(74.0, 90.0),
        money_rate=rng.uniform(28.0, 52.0),
    )


def year_profile(rng: random.Random, office: Office) -> Office:
    return replace(
        office,
        year_rate=min(97.0, max(55.0, rng.gauss(office.year_rate, 2.5))),
        money_rate=min(80.0, max(10.0, rng.gauss(office.money_rate, 4.0))),
    )


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour)).replace(tzinfo=UTC)


def _workflow(rng: random.Random, size: Size, due: date) -> dict[str, Any]:
    """Status and dates of a report in a closed period: mostly approved, a few late."""
    late = rng.random() < size.late_share
    submitted = (
        due + timedelta(days=rng.randint(1, 5)) if late else due - timedelta(rng.randint(0, 3))
    )
    roll = rng.random()
    status = (
        "approved" if roll < size.approved_share else "submitted" if roll < 0.99 else "returned"
    )
    approved = status == "approved"
    return {
        "status": status,
        "submitted_at": _at(submitted, 2),
        "submitted_by": "bench.reporter",
        "approved_at": _at(submitted + timedelta(days=rng.randint(1, 4)), 3) if approved else None,
        "approved_by": "bench.reviewer" if approved else None,
        "is_late": late,
        "comment": "Đề nghị đối chiếu lại số liệu và nộp lại." if status == "returned" else None,
    }


def _draft() -> dict[str, Any]:
    return {
        "status": "draft",
        "submitted_at": None,
        "submitted_by": None,
        "approved_at": None,
        "approved_by": None,
        "is_late": False,
        "comment": None,
    }


def build_reports(
    size: Size, rng: random.Random, districts: list[dict], period_rows: list[dict], metric_ids: dict
) -> tuple[list[dict], list[dict], list[dict], dict[int, float]]:
    """Reports and values of the closed years and the draft quarter, the import rows, and each
    office's caseload (to size its staff)."""
    by_code = {p["code"]: p for p in period_rows}
    reports: list[dict] = []
    values: list[dict] = []
    import_rows: list[dict] = []
    caseload: dict[int, float] = {}

    def add(unit: dict, period: dict, figures: dict[str, int], workflow: dict) -> None:
        report_id = len(reports) + 1
        reports.append(
            {**STAMP, "id": report_id, "unit_id": unit["id"], "period_id": period["id"], **workflow}
        )
        values.extend(
            {"report_id": report_id, "metric_id": metric_ids[c], "value": v}
            for c, v in figures.items()
        )

    for unit in districts:
        office = office_profile(rng, unit["code"])
        caseload[unit["id"]] = office.size
        carried = None
        for year in [*size.years, size.draft_year, size.import_year]:
            profile = year_profile(rng, office)
            for quarter in (1, 2, 3, 4):
                figures = quarter_values(profile, quarter, carried)
                period = by_code.get(periods.code_for(year, quarter))
                if year in size.years:
                    add(unit, period, figures, _workflow(rng, size, period["due_on"]))  # type: ignore[index,arg-type]
                elif year == size.draft_year and quarter == 1:
                    add(unit, period, figures, _draft())  # type: ignore[arg-type]
                elif year == size.import_year:
                    import_rows.append(
                        {"unit": unit["code"], "period": period["code"], "values": figures}  # type: ignore[index]
                    )
            carried = (carried_to_next(figures, "viec"), carried_to_next(figures, "tien"))
    return reports, values, import_rows, caseload


def build_targets(size: Size, indicator_ids: dict[str, int]) -> list[dict[str, Any]]:
    """National defaults, 2022 as published (81.50 % cases, 40.10 % money)."""
    rows = []
    for year in range(size.first_year, size.import_year + 1):
        drift = 2022 - year
        for code, bp in (("ty_le_viec", 8150 - 60 * drift), ("ty_le_tien", 4010 - 80 * drift)):
            rows.append(
                {
                    "id": len(rows) + 1,
                    "year": year,
                    "indicator_id": indicator_ids[code],
                    "unit_id": None,
                    "value_bp": bp,
                }
            )
    return rows


def generate(engine: Engine, size: Size) -> Built:
    built = Built()
    started = clock.perf_counter()
    reset_and_migrate(engine)
    with Session(engine) as session:
        catalogue.ensure_catalogue(session)
        cat = catalogue.load(session)
        indicator_ids = {i.code: i.id for i in cat.indicator_rows}
    built.seconds["migrate"] = clock.perf_counter() - started

    mark = clock.perf_counter()
    units, provinces, districts = build_units(size, random.Random(SEED))
    period_rows = build_periods(size)
    reports, values, built.import_rows, caseload = build_reports(
        size, random.Random(SEED + 1), districts, period_rows, cat.ids
    )
    weight = {d["id"]: 0.6 + caseload[d["id"]] for d in districts}
    weight.update({u["id"]: 1.2 for u in units.rows if u["kind"] == "internal_office"})
    people = build_people(size, random.Random(SEED + 2), units, weight)
    target_rows = build_targets(size, indicator_ids)  # type: ignore[arg-type]
    built.seconds["build"] = clock.perf_counter() - mark

    mark = clock.perf_counter()
    tables = [
        (Unit, units.rows),
        (UnitVersion, [unit_version(u) for u in units.rows]),
        (Person, people),
        (Period, period_rows),
        (Target, target_rows),
        (Report, reports),
        (ReportValue, values),
    ]
    with engine.begin() as conn:
        for model, rows in tables:
            bulk_insert(conn, model, rows)
        fix_sequences(conn, [Unit, Person, Period, Target, Report])
    built.seconds["insert"] = clock.perf_counter() - mark

    mark = clock.perf_counter()
    analyze(engine)
    built.seconds["analyze"] = clock.perf_counter() - mark

    province = provinces[0]
    district, neighbour = [d for d in districts if d["parent_id"] == province["id"]][:2]
    draft_period = next(p for p in period_rows if p["code"] == f"{size.draft_year}-Q1")
    drafts = {r["unit_id"]: r for r in reports if r["period_id"] == draft_period["id"]}
    draft = drafts[district["id"]]
    built.floor_report_id = drafts[neighbour["id"]]["id"]
    codes = {v: k for k, v in cat.ids.items()}
    built.root_id, built.general_id = units.rows[0]["id"], units.rows[1]["id"]
    built.province_id, built.district_id = province["id"], district["id"]
    built.district_code = district["code"]
    built.draft_report_id = draft["id"]
    built.draft_values = {
        codes[v["metric_id"]]: v["value"] for v in values if v["report_id"] == draft["id"]
    }
    with Session(engine) as session:
        built.tokens = make_users(
            session,
            [
                (Role.admin, "bench.admin", built.root_id),
                (Role.reviewer, "bench.reviewer", built.province_id),
                (Role.reporter, "bench.reporter", built.district_id),
            ],
        )
    built.counts = {
        "units": len(units.rows),
        "provinces": len(provinces),
        "district_offices": len(districts),
        "people": len(people),
        "periods": len(period_rows),
        "reports": len(reports),
        "report_values": len(values),
        "targets": len(target_rows),
        "import_rows": len(built.import_rows),
    }
    built.seconds["total"] = clock.perf_counter() - started
    return built
