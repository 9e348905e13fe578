"""From 2024: Luật Thi đua, khen thưởng 06/2022/QH15, Nghị định 98/2023/NĐ-CP (then
152/2025), Thông tư 01/2024/TT-BNV and 11/2023/TT-BTP."""

from app.services.awards.eligibility.common import (
    Rule,
    Verdict,
    assessment_at_least,
    consecutive_titles,
    figures_meet_targets,
    holds_title_this_year,
    initiative_at_least,
    members_all_complete,
    members_at_least_one,
    members_share_with,
    recruited_at_least,
    rule,
    unconfirmed,
)
from app.services.awards.eligibility.facts import Facts
from app.services.awards.eligibility.regime_2003 import (
    CONSECUTIVE,
    CRITERIA_OF,
    FIGURES,
    HOLDS,
    INITIATIVE,
    MEMBERS_DONE,
    MEMBERS_ONE,
    MEMBERS_SHARE,
    TASKS_WELL,
)
from app.services.awards.eligibility.texts import ASSESSMENT_TERMS, award, pct, term, text

CODES = ("LAW2022_ND98_TT11_2023", "LAW2022_ND152_TT11_2023")
EXCELLENT = term("completed tasks excellently")


def excellent_or_initiative(f: Facts, pid: int) -> Verdict:
    """Luật 2022 Đ.23: hoàn thành xuất sắc nhiệm vụ, OR an initiative recognised at cơ sở."""
    a = f.assessments.get((pid, f.year))
    if a is not None and a.result == "HTXSNV":
        return True, text("Assessment for {year}: {result}", year=f.year, result=EXCELLENT)
    met, evidence = initiative_at_least("co_so")(f, pid)
    if met:
        return True, evidence
    if a is None:
        return None, text("No assessment recorded for {year}; {more}", year=f.year, more=evidence)
    return False, text(
        "Assessment for {year}: {result}; {more}",
        year=f.year,
        result=term(ASSESSMENT_TERMS[a.result]),
        more=evidence,
    )


def bang_khen_bo(f: Facts, pid: int) -> Verdict:
    """Luật 2022 Đ.74.1.d: 2 consecutive CSTĐCS, or ≥ 2 consecutive HTXSNV years with 2 initiatives."""
    met, evidence = consecutive_titles("CSTDCS", 2)(f, pid)
    if met:
        return True, evidence
    years = [f.year - 1, f.year]
    excellent = all(
        (pid, y) in f.assessments and f.assessments[(pid, y)].result == "HTXSNV" for y in years
    )
    initiatives = [i for i in f.initiatives.get(pid, []) if i.year in years]
    if excellent and len(initiatives) >= 2:
        return True, text(
            "Completed tasks excellently in {first}–{last} and {count} initiatives recognised"
            " at grassroots level",
            first=years[0],
            last=years[1],
            count=len(initiatives),
        )
    return False, text(
        "{titles}; or two years completing tasks excellently with two initiatives: not met",
        titles=evidence,
    )


RULES: dict[str, list[Rule]] = {
    "LDTT": [
        rule(
            "R-LDTT-1b",
            "Recruited at least {months} months before the year ends (Circular 01/2024/TT-BNV)",
            recruited_at_least(6),
            months=6,
        ),
        rule("R-LDTT-3", TASKS_WELL, assessment_at_least("HTTNV")),
    ],
    "CSTDCS": [
        rule("R-CSTD-1", HOLDS, holds_title_this_year("LDTT"), award=award("LDTT")),
        rule(
            "R-CSTD-2b",
            "Completed tasks excellently, or an initiative recognised at grassroots level",
            excellent_or_initiative,
        ),
        rule(
            "R-CSTD-Q",
            "How many holders of {base} may receive {award}",
            unconfirmed("the largest share under the 2022 Law"),
            base=award("LDTT"),
            award=award("CSTDCS"),
        ),
    ],
    "CSTD_NGANH": [
        rule(
            "R-CSTDB-1",
            CONSECUTIVE,
            consecutive_titles("CSTDCS", 3),
            award=award("CSTDCS"),
            years=3,
        ),
        rule(
            "R-CSTDB-1",
            INITIATIVE,
            initiative_at_least("bo_tinh"),
            level=term("at ministry, sector or province level"),
        ),
        rule(
            "R-CSTDB-V",
            "The council's voting threshold",
            unconfirmed("the council's voting threshold under the 2022 Law"),
        ),
    ],
    "TTLDXS": [
        rule("R-TTLDXS-1", MEMBERS_DONE, members_all_complete),
        rule(
            "R-TTLDXS-1",
            MEMBERS_SHARE,
            members_share_with("LDTT", 0.7),
            share=pct(70, 0),
            award=award("LDTT"),
        ),
        rule("R-TTLDXS-1", MEMBERS_ONE, members_at_least_one("CSTDCS"), award=award("CSTDCS")),
        rule("R-TGT-1", FIGURES, figures_meet_targets),
    ],
    "CO_THI_DUA_BO": [
        rule(
            "R-CO-BO-1",
            "Chosen by its emulation cluster or bloc (Circular 11/2023/TT-BTP)",
            unconfirmed("the cluster's or bloc's choice is not recorded in the system"),
        ),
        rule("R-TGT-1", FIGURES, figures_meet_targets),
    ],
    "BANG_KHEN_BO": [
        rule(
            "R-BK-BO-1",
            "{award} two years running, or two years completing tasks excellently with two"
            " initiatives (2022 Law, article 74.1.d)",
            bang_khen_bo,
            award=award("CSTDCS"),
        ),
    ],
    "BANG_KHEN_BO:collective": [
        rule(
            "R-BK-BO",
            "The criteria of the {award} for collectives",
            unconfirmed("compare with the criteria for collectives under the 2022 Law"),
            award=award("BANG_KHEN_BO"),
        ),
        rule("R-TGT-1", FIGURES, figures_meet_targets),
    ],
    "GIAY_KHEN": [
        rule(
            "R-GK",
            CRITERIA_OF,
            unconfirmed("compare with the detailed criteria in Circular 11/2023/TT-BTP"),
            award=award("GIAY_KHEN"),
        ),
    ],
}
