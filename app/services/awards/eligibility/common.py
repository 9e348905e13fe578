"""Shared building blocks of the rules of every regime. A rule answers met (True), not met
(False) or unknown (None: the fact is not recorded, or the law is not confirmed), always with
its evidence: a text of `texts` (a message key and the numbers behind it), rendered in the
reader's language when the API answers."""

from collections.abc import Callable
from dataclasses import dataclass
from math import floor

from app.models.facts import ASSESSMENT_RANK, DISCIPLINE_RANK, SCOPE_RANK
from app.services.awards.eligibility import texts
from app.services.awards.eligibility.facts import Facts
from app.services.awards.eligibility.texts import Text, award, pct, term, text
from app.services.levels import reports_figures

Verdict = tuple[bool | None, Text]


@dataclass(frozen=True)
class Rule:
    code: str  # stable, for programs: "R-CSTD-Q"
    name: Text  # what the rule asks, for people
    check: Callable[[Facts, int], Verdict]  # candidate: a person id or a unit id


def rule(code: str, name: str, check: Callable[[Facts, int], Verdict], **params: object) -> Rule:
    return Rule(code, text(name, **params), check)


def _months_between(start, end) -> int:  # type: ignore[no-untyped-def]
    return (
        (end.year - start.year) * 12 + (end.month - start.month) - (1 if end.day < start.day else 0)
    )


def recruited_at_least(months: int) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        person = f.people[pid]
        if person.recruited_on is None:
            return None, text("The recruitment date is not recorded")
        served = _months_between(person.recruited_on, f.year_end())
        return served >= months, text(
            "Recruited on {day}: {served} months to 31/12/{year} (at least {months} needed)",
            day=texts.day(person.recruited_on),
            served=served,
            year=f.year,
            months=months,
        )

    return check


def assessment_at_least(result: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        a = f.assessments.get((pid, f.year))
        if a is None:
            return None, text("No assessment recorded for {year}", year=f.year)
        return ASSESSMENT_RANK[a.result] >= ASSESSMENT_RANK[result], text(
            "Assessment for {year}: {result} ({needed} or better needed)",
            year=f.year,
            result=term(texts.ASSESSMENT_TERMS[a.result]),
            needed=term(texts.ASSESSMENT_TERMS[result]),
        )

    return check


def discipline_below(level: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        a = f.assessments.get((pid, f.year))
        if a is None:
            return None, text("No discipline record for {year}", year=f.year)
        ok = DISCIPLINE_RANK[a.discipline] < DISCIPLINE_RANK[level]
        if a.discipline == "NONE":
            return ok, text("Not disciplined")
        return ok, text(
            "Discipline in {year}: {discipline} (must be lighter than a {limit})",
            year=f.year,
            discipline=term(texts.DISCIPLINE_TERMS[a.discipline]),
            limit=term(texts.DISCIPLINE_TERMS[level]),
        )

    return check


def holds_title_this_year(code: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        ok = f.has_award(pid, code, f.year)
        message = "Recognised as {award} in {year}" if ok else "Not recognised as {award} in {year}"
        return ok, text(message, award=award(code), year=f.year)

    return check


def initiative_at_least(scope: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        found = [
            i
            for i in f.initiatives.get(pid, [])
            if i.year == f.year and SCOPE_RANK[i.scope] >= SCOPE_RANK[scope]
        ]
        if found:
            i = found[0]
            return True, text(
                "Initiative “{title}” recognised {level} in {year} ({by})",
                title=i.title,
                level=term(texts.SCOPE_TERMS[i.scope]),
                year=i.year,
                by=i.decision_number or i.recognised_by,
            )
        return False, text(
            "No initiative recognised {level} or above in {year}",
            level=term(texts.SCOPE_TERMS[scope]),
            year=f.year,
        )

    return check


def consecutive_titles(code: str, years: int) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        span = range(f.year - years + 1, f.year + 1)
        held = [y for y in span if f.has_award(pid, code, y)]
        marks = ", ".join(f"{y} {'✓' if y in held else '✗'}" for y in span)
        return len(held) == years, text(
            "{award}: {marks} ({years} consecutive years needed)",
            award=award(code),
            marks=marks,
            years=years,
        )

    return check


def quota(code: str, base_code: str, share: float) -> Callable[[Facts, int], Verdict]:
    """At most `share` of the scope's holders of base_code may hold code this year."""

    def check(f: Facts, pid: int) -> Verdict:
        base = f.title_counts.get(base_code, 0)
        limit = floor(base * share + 1e-9)
        given = f.title_counts.get(code, 0)
        holds = f.has_award(pid, code, f.year)
        room = given <= limit if holds else given + 1 <= limit
        return room, text(
            "{unit}: {base} held by {count} in {year} → at most {limit} may be {award} ({share},"
            " rounded down: the rounding is not confirmed yet — the officer must check it);"
            " {given} recognised",
            unit=f.scope.name,
            count=base,
            base=award(base_code),
            year=f.year,
            limit=limit,
            award=award(code),
            share=pct(share * 100, 0),
            given=given,
        )

    return check


def unconfirmed(detail: str, **params: object) -> Callable[[Facts, int], Verdict]:
    def check(_f: Facts, _id: int) -> Verdict:
        return None, texts.unconfirmed(detail, **params)

    return check


# ---- collectives ---------------------------------------------------------------------------

NO_STAFF = "The unit has no staff recorded yet"


def members_all_complete(f: Facts, uid: int) -> Verdict:
    staff = f.staff.get(uid, [])
    if not staff:
        return None, text(NO_STAFF)
    missing = [p for p in staff if (p, f.year) not in f.assessments]
    failed = [
        p
        for p in staff
        if (p, f.year) in f.assessments and f.assessments[(p, f.year)].result == "KHTNV"
    ]
    if missing:
        return None, text(
            "{missing}/{total} people have no assessment for {year}",
            missing=len(missing),
            total=len(staff),
            year=f.year,
        )
    return not failed, text(
        "{done}/{total} people completed their tasks ({need} needed)",
        done=len(staff) - len(failed),
        total=len(staff),
        need=pct(100, 0),
    )


def members_share_with(code: str, share: float) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, uid: int) -> Verdict:
        staff = f.staff.get(uid, [])
        if not staff:
            return None, text(NO_STAFF)
        holders = sum(1 for p in staff if f.has_award(p, code, f.year))
        return holders >= share * len(staff), text(
            "{holders}/{total} people hold {award} ({share}; at least {need} needed)",
            holders=holders,
            total=len(staff),
            award=award(code),
            share=pct(holders / len(staff) * 100, 0),
            need=pct(share * 100, 0),
        )

    return check


def members_at_least_one(code: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, uid: int) -> Verdict:
        holders = sum(1 for p in f.staff.get(uid, []) if f.has_award(p, code, f.year))
        return holders >= 1, text(
            "{holders} members hold {award} for {year} (at least 1 needed)",
            holders=holders,
            award=award(code),
            year=f.year,
        )

    return check


def members_no_discipline_from(level: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, uid: int) -> Verdict:
        bad = [
            p
            for p in f.staff.get(uid, [])
            if (p, f.year) in f.assessments
            and DISCIPLINE_RANK[f.assessments[(p, f.year)].discipline] >= DISCIPLINE_RANK[level]
        ]
        if not bad:
            return True, text("No member is disciplined")
        return False, text(
            "{count} members given a {level} or a heavier discipline",
            count=len(bad),
            level=term(texts.DISCIPLINE_TERMS[level]),
        )

    return check


def figures_meet_targets(f: Facts, uid: int) -> Verdict:
    unit = f.units[uid]
    if not reports_figures(unit):
        return True, text("Not applicable: the unit does not report enforcement figures")
    rates = f.rates.get(uid)
    if rates is None:
        return None, text("No approved 12-month figures for {year} yet", year=f.year)
    goals = f.goals.get(uid, {})
    parts, ok = [], True
    for code, value in rates.items():
        goal = goals.get(code)
        met = value is not None and goal is not None and value >= goal
        ok = ok and met
        parts.append(
            text(
                "{indicator} {value} / target {target}",
                indicator=texts.indicator(code),
                value=pct(value),
                target=pct(goal),
            )
        )
    return ok, text("{parts}", parts=parts)
