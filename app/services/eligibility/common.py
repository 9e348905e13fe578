"""Shared building blocks of the rules of every regime. A rule answers met (True), not met
(False) or unknown (None: the fact is not recorded, or the law is not confirmed), always with
its evidence."""

from collections.abc import Callable
from dataclasses import dataclass
from math import floor

from app.models.facts import ASSESSMENT_RANK, DISCIPLINE_RANK, SCOPE_RANK
from app.services.eligibility.facts import Facts

Verdict = tuple[bool | None, str]


def pct(value: float | None, decimals: int = 2) -> str:
    """82,50 % — Vietnamese decimal comma and a space before the sign."""
    return "—" if value is None else f"{value:.{decimals}f}".replace(".", ",") + " %"


SCOPE_LABELS = {"co_so": "cấp cơ sở", "bo_tinh": "cấp Bộ, tỉnh", "toan_quoc": "toàn quốc"}
DISCIPLINE_LABELS = {
    "KHIEN_TRACH": "khiển trách",
    "CANH_CAO": "cảnh cáo",
    "HIGHER": "hạ bậc lương trở lên",
}


@dataclass(frozen=True)
class Rule:
    code: str
    check: Callable[[Facts, int], Verdict]  # candidate: a person id or a unit id


def _months_between(start, end) -> int:  # type: ignore[no-untyped-def]
    return (
        (end.year - start.year) * 12 + (end.month - start.month) - (1 if end.day < start.day else 0)
    )


def recruited_at_least(months: int) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        person = f.people[pid]
        if person.recruited_on is None:
            return None, "Chưa ghi ngày tuyển dụng"
        served = _months_between(person.recruited_on, f.year_end())
        return (
            served >= months,
            f"Tuyển dụng ngày {person.recruited_on:%d/%m/%Y}: {served} tháng đến 31/12/{f.year} (cần ≥ {months})",
        )

    return check


def assessment_at_least(result: str, label: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        a = f.assessments.get((pid, f.year))
        if a is None:
            return None, f"Chưa có kết quả đánh giá, xếp loại năm {f.year}"
        return ASSESSMENT_RANK[a.result] >= ASSESSMENT_RANK[
            result
        ], f"Xếp loại năm {f.year}: {a.result} (cần {label})"

    return check


def discipline_below(level: str, label: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        a = f.assessments.get((pid, f.year))
        if a is None:
            return None, f"Chưa có thông tin kỷ luật năm {f.year}"
        ok = DISCIPLINE_RANK[a.discipline] < DISCIPLINE_RANK[level]
        return (
            ok,
            "Không bị kỷ luật"
            if a.discipline == "NONE"
            else f"Kỷ luật năm {f.year}: {a.discipline} (không được từ {label} trở lên)",
        )

    return check


def holds_title_this_year(code: str, label: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        ok = f.has_award(pid, code, f.year)
        return ok, f"{'Đã' if ok else 'Chưa'} được công nhận {label} năm {f.year}"

    return check


def initiative_at_least(scope: str, label: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        found = [
            i
            for i in f.initiatives.get(pid, [])
            if i.year == f.year and SCOPE_RANK[i.scope] >= SCOPE_RANK[scope]
        ]
        if found:
            i = found[0]
            return (
                True,
                f"Sáng kiến “{i.title}” công nhận phạm vi {i.scope} năm {i.year} ({i.decision_number or i.recognised_by})",
            )
        return False, f"Chưa có sáng kiến được công nhận {label} năm {f.year}"

    return check


def consecutive_titles(code: str, years: int, label: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, pid: int) -> Verdict:
        held = [y for y in range(f.year - years + 1, f.year + 1) if f.has_award(pid, code, y)]
        missing = [y for y in range(f.year - years + 1, f.year + 1) if y not in held]
        text = f"{label}: " + ", ".join(
            f"{y} {'✓' if y in held else '✗'}" for y in range(f.year - years + 1, f.year + 1)
        )
        return not missing, f"{text} (cần {years} năm liên tục)"

    return check


def quota(code: str, base_code: str, share: float, note: str) -> Callable[[Facts, int], Verdict]:
    """At most `share` of the scope's holders of base_code may hold code this year."""

    def check(f: Facts, pid: int) -> Verdict:
        base = f.title_counts.get(base_code, 0)
        limit = floor(base * share + 1e-9)
        given = f.title_counts.get(code, 0)
        holds = f.has_award(pid, code, f.year)
        room = given <= limit if holds else given + 1 <= limit
        return room, (
            f"{f.scope.name}: {base} {base_code} năm {f.year} → tối đa {limit} {code} ({pct(share * 100, 0)}; {note}); "
            f"đã công nhận {given}"
        )

    return check


def unconfirmed(text: str) -> Callable[[Facts, int], Verdict]:
    def check(_f: Facts, _id: int) -> Verdict:
        return None, f"CHƯA XÁC NHẬN: {text}"

    return check


# ---- collectives ---------------------------------------------------------------------------


def members_all_complete(f: Facts, uid: int) -> Verdict:
    staff = f.staff.get(uid, [])
    if not staff:
        return None, "Đơn vị chưa có cán bộ trong hệ thống"
    missing = [p for p in staff if (p, f.year) not in f.assessments]
    failed = [
        p
        for p in staff
        if (p, f.year) in f.assessments and f.assessments[(p, f.year)].result == "KHTNV"
    ]
    if missing:
        return None, f"{len(missing)}/{len(staff)} người chưa có kết quả xếp loại năm {f.year}"
    return (
        not failed,
        f"{len(staff) - len(failed)}/{len(staff)} người hoàn thành nhiệm vụ (cần 100 %)",
    )


def members_share_with(code: str, share: float, label: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, uid: int) -> Verdict:
        staff = f.staff.get(uid, [])
        if not staff:
            return None, "Đơn vị chưa có cán bộ trong hệ thống"
        holders = sum(1 for p in staff if f.has_award(p, code, f.year))
        return (
            holders >= share * len(staff),
            f"{holders}/{len(staff)} người đạt {label} ({holders / len(staff):.0%}; cần ≥ {share:.0%})",
        )

    return check


def members_at_least_one(code: str, label: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, uid: int) -> Verdict:
        holders = sum(1 for p in f.staff.get(uid, []) if f.has_award(p, code, f.year))
        return holders >= 1, f"{holders} cá nhân đạt {label} năm {f.year} (cần ≥ 1)"

    return check


def members_no_discipline_from(level: str, label: str) -> Callable[[Facts, int], Verdict]:
    def check(f: Facts, uid: int) -> Verdict:
        bad = [
            p
            for p in f.staff.get(uid, [])
            if (p, f.year) in f.assessments
            and DISCIPLINE_RANK[f.assessments[(p, f.year)].discipline] >= DISCIPLINE_RANK[level]
        ]
        return (
            not bad,
            "Không có cá nhân bị kỷ luật"
            if not bad
            else f"{len(bad)} cá nhân bị kỷ luật từ {label} trở lên",
        )

    return check


def figures_meet_targets(f: Facts, uid: int) -> Verdict:
    unit = f.units[uid]
    if unit.kind not in ("district_office", "provincial_department"):
        return True, "Không áp dụng: đơn vị không báo cáo số liệu thi hành án"
    rates = f.rates.get(uid)
    if rates is None:
        return None, f"Chưa có số liệu 12 tháng năm {f.year} được phê duyệt"
    goals = f.goals.get(uid, {})
    parts, ok = [], True
    for code, value in rates.items():
        goal = goals.get(code)
        met = value is not None and goal is not None and value >= goal
        ok = ok and met
        parts.append(f"{code} {pct(value)} / chỉ tiêu {pct(goal)}")
    return ok, "; ".join(parts)
