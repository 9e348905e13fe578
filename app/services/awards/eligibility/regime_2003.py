"""2022 and earlier: Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Nghị định 91/2017/NĐ-CP,
Thông tư 05/2018/TT-BTP. Rule codes follow the domain brief §7.3."""

from app.services.awards.eligibility.common import (
    Rule,
    assessment_at_least,
    consecutive_titles,
    discipline_below,
    figures_meet_targets,
    holds_title_this_year,
    initiative_at_least,
    members_all_complete,
    members_at_least_one,
    members_no_discipline_from,
    members_share_with,
    quota,
    recruited_at_least,
    rule,
    unconfirmed,
)
from app.services.awards.eligibility.texts import award, pct, term

CODE = "LAW2003_ND91_TT05_2018"

RECRUITED = "Recruited at least {months} months before the year ends"
TASKS_WELL = "Completed tasks well or better"
HOLDS = "Holds the title {award} this year"
INITIATIVE = "An initiative recognised {level} or above"
CONSECUTIVE = "{award} for {years} consecutive years"
MEMBERS_SHARE_MORE = "More than {share} of the members hold {award}"
MEMBERS_SHARE = "At least {share} of the members hold {award}"
MEMBERS_ONE = "At least one member holds {award}"
MEMBERS_DONE = "Every member completed their tasks"
MEMBERS_NO_DISCIPLINE = "No member given a {level} or a heavier discipline"
FIGURES = "The year's figures meet the assigned targets"
CRITERIA_OF = "The criteria of the {award}"
GRASSROOTS = term("at grassroots level")
WARNING = term("warning")

_FIGURES = rule("R-TGT-1", FIGURES, figures_meet_targets)
_TASKS_WELL = rule("R-LDTT-3", TASKS_WELL, assessment_at_least("HTTNV"))
_ND39 = rule(
    "R-BK-BO",
    CRITERIA_OF,
    unconfirmed("compare with Decree 91/2017, article 39"),
    award=award("BANG_KHEN_BO"),
)
_NO_WARNING = rule(
    "R-TTLDTT-1", MEMBERS_NO_DISCIPLINE, members_no_discipline_from("CANH_CAO"), level=WARNING
)

RULES: dict[str, list[Rule]] = {
    "LDTT": [
        rule("R-LDTT-1", RECRUITED, recruited_at_least(10), months=10),
        rule(
            "R-LDTT-2",
            "Not given a {level} or a heavier discipline",
            discipline_below("KHIEN_TRACH"),
            level=term("reprimand"),
        ),
        _TASKS_WELL,
    ],
    "CSTDCS": [
        rule("R-CSTD-1", HOLDS, holds_title_this_year("LDTT"), award=award("LDTT")),
        rule("R-CSTD-2", INITIATIVE, initiative_at_least("co_so"), level=GRASSROOTS),
        rule(
            "R-CSTD-Q",
            "At most {share} of the unit's holders of {base} (Decree 91/2017, article 9.3)",
            quota("CSTDCS", "LDTT", 0.15),
            share=pct(15, 0),
            base=award("LDTT"),
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
            "The council's secret ballot: at least {share} of all its members",
            unconfirmed(
                "the vote is recorded when the council considers the nomination"
                " (Decree 91/2017, article 45.8)"
            ),
            share=pct(90, 0),
        ),
    ],
    "TTLDTT": [
        rule(
            "R-TTLDTT-1",
            MEMBERS_SHARE_MORE,
            members_share_with("LDTT", 0.5),
            share=pct(50, 0),
            award=award("LDTT"),
        ),
        _NO_WARNING,
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
        rule(
            "R-TTLDXS-1",
            MEMBERS_NO_DISCIPLINE,
            members_no_discipline_from("CANH_CAO"),
            level=WARNING,
        ),
        _FIGURES,
    ],
    "CO_THI_DUA_BO": [
        _FIGURES,
        rule(
            "R-CO-BO-1",
            "Leads its emulation cluster or bloc (Decree 91/2017, article 12)",
            unconfirmed("the cluster's or bloc's choice is not recorded in the system"),
        ),
    ],
    "BANG_KHEN_BO": [_ND39, _TASKS_WELL],
    "BANG_KHEN_BO:collective": [_ND39, _FIGURES],
    "GIAY_KHEN": [
        rule(
            "R-GK",
            CRITERIA_OF,
            unconfirmed("compare with the justice sector's criteria in Circular 05/2018/TT-BTP"),
            award=award("GIAY_KHEN"),
        ),
    ],
}
