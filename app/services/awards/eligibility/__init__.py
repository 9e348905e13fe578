"""The eligibility engine: for a year and an award type, every candidate with each criterion
met, not met or unknown, and its evidence, under the legal regime of that year. The rules are
declarative modules, one per regime."""

from typing import Any, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, select

from app.core.errors import FieldIssue, Invalid
from app.core.messages import translate
from app.models.awards import AwardType, AwardTypeRef, PersonRef, RecipientKind
from app.models.units import Unit, UnitRef
from app.services.awards.catalogue import NEW, NEWEST, OLD, REGIMES, regime_for_year
from app.services.awards.eligibility import facts as facts_module
from app.services.awards.eligibility import regime_2003, regime_2022, texts
from app.services.awards.eligibility.common import Rule
from app.services.levels import reports_figures
from app.services.scope import Actor, authorize, unit_in_scope
from app.services.unit_history import refs_on

T = TypeVar("T")
OUTSIDE = "Not assessed: a person or unit outside the sector"

REGIME_RULES: dict[str, dict[str, list[Rule]]] = {
    OLD: regime_2003.RULES,
    NEW: regime_2022.RULES,
    NEWEST: regime_2022.RULES,
}


class CriterionResult(BaseModel):
    code: str  # the rule's stable code, for programs (several criteria may share one)
    rule: str  # what the rule asks, in the reader's language
    met: bool | None
    evidence: str  # why, in the reader's language
    message: str  # the evidence's message key …
    params: dict[str, Any]  # … and the numbers behind it
    rule_message: str
    rule_params: dict[str, Any]


class Candidate(BaseModel):
    kind: RecipientKind
    person: PersonRef | None
    unit: UnitRef
    eligible: bool | None  # all met / one not met / something unknown
    holds: bool  # already has this award for the year
    criteria: list[CriterionResult]


class RegimeInfo(BaseModel):
    code: str
    name: str
    documents: list[str]


class Eligibility(BaseModel):
    year: int
    award_type: AwardTypeRef
    recipient: RecipientKind
    regime: RegimeInfo
    scope: UnitRef
    rules_defined: bool
    eligible: int
    not_eligible: int
    unknown: int
    candidates: list[Candidate]


def rules_for(year: int, award_type: AwardType, recipient: RecipientKind) -> list[Rule]:
    table = REGIME_RULES[regime_for_year(year)]
    if recipient == RecipientKind.collective and f"{award_type.code}:collective" in table:
        return table[f"{award_type.code}:collective"]
    return table.get(award_type.code, [])


def _verdict(results: list[CriterionResult]) -> bool | None:
    if any(r.met is False for r in results):
        return False
    if any(r.met is None for r in results):
        return None
    return True


def judge(
    facts: facts_module.Facts, rules: list[Rule], candidate_id: int, lang: str = "vi"
) -> tuple[bool | None, list[CriterionResult]]:
    results = []
    for r in rules:
        verdict, reason = r.check(facts, candidate_id)
        results.append(
            CriterionResult(
                code=r.code,
                rule=texts.render(r.name, lang),
                met=verdict,
                evidence=texts.render(reason, lang),
                message=reason["message"],
                params=reason["params"],
                rule_message=r.name["message"],
                rule_params=r.name["params"],
            )
        )
    return _verdict(results), results


def render_snapshot(snapshot: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """A result kept with an award or a nomination, in the reader's language."""
    return texts.render_snapshot(snapshot, lang)


def localised(found: T, lang: str) -> T:
    """An award, a decision (its awards), a nomination or a list of them, with the eligibility
    results they carry rendered in the reader's language."""
    items = found if isinstance(found, list) else [found]
    for item in items:
        for inner in getattr(item, "awards", None) or []:
            localised(inner, lang)
        if getattr(item, "eligibility", None):
            item.eligibility = texts.render_snapshot(item.eligibility, lang)  # type: ignore[attr-defined]
    return found


def evaluate(
    session: Session,
    actor: Actor,
    year: int,
    award_type_code: str,
    *,
    unit_id: int | None = None,
    recipient: RecipientKind | None = None,
    lang: str = "vi",
) -> Eligibility:
    authorize(actor, "awards.read")
    award_type = session.exec(select(AwardType).where(AwardType.code == award_type_code)).first()
    if award_type is None:
        raise Invalid(FieldIssue("award_type", "Unknown award type", "not_found"))
    recipient = recipient or RecipientKind(award_type.recipients[0])
    if recipient.value not in award_type.recipients:
        raise Invalid(
            FieldIssue(
                "recipient",
                "{award} is for collectives only"
                if recipient == RecipientKind.individual
                else "{award} is for individuals only",
                "recipient_kind",
                {"award": award_type.name_en if lang == "en" else award_type.name_vi},
            )
        )
    scope = unit_in_scope(session, actor, unit_id if unit_id is not None else actor.unit_id)  # type: ignore[arg-type]
    facts = facts_module.load(session, year, scope)
    rules = rules_for(year, award_type, recipient)
    units = refs_on(session, list(facts.units), facts.year_end())  # named as they were
    candidates: list[Candidate] = []
    if recipient == RecipientKind.individual:
        for pid, person in facts.people.items():
            verdict, results = judge(facts, rules, pid, lang)
            candidates.append(
                Candidate(
                    kind=recipient,
                    person=PersonRef(
                        id=pid,
                        full_name=person.full_name,
                        unit=units[facts.unit_of[pid]],
                        is_external=False,
                    ),
                    unit=units[facts.unit_of[pid]],
                    eligible=verdict,
                    holds=facts.has_award(pid, award_type.code, year),
                    criteria=results,
                )
            )
    else:
        for uid in facts.units:
            if uid == scope.id and not reports_figures(scope):
                continue
            verdict, results = judge(facts, rules, uid, lang)
            candidates.append(
                Candidate(
                    kind=recipient,
                    person=None,
                    unit=units[uid],
                    eligible=verdict,
                    holds=facts.unit_has_award(uid, award_type.code, year),
                    criteria=results,
                )
            )
    order = {True: 0, None: 1, False: 2}
    paths = {u.id: u.path for u in facts.units.values()}
    candidates.sort(
        key=lambda c: (
            order[c.eligible],
            not c.holds,
            paths[c.unit.id],
            c.person.full_name if c.person else "",
        )
    )
    regime = REGIMES[regime_for_year(year)]
    return Eligibility(
        year=year,
        award_type=AwardTypeRef.model_validate(award_type),
        recipient=recipient,
        regime=RegimeInfo(
            code=regime.code, name=regime.name_in(lang), documents=regime.documents_in(lang)
        ),
        scope=UnitRef.model_validate(scope),
        rules_defined=bool(rules),
        eligible=sum(1 for c in candidates if c.eligible is True),
        not_eligible=sum(1 for c in candidates if c.eligible is False),
        unknown=sum(1 for c in candidates if c.eligible is None),
        candidates=candidates,
    )


def snapshots(
    session: Session,
    year: int,
    scope: Unit,
    items: list[tuple[AwardType, int | None, Unit]],
    lang: str = "vi",
) -> list[dict[str, Any]]:
    """Each item's result (award type, person or None for the unit, the unit), to keep with a
    nomination or an award: a decision keeps the result it was made on.

    Each criterion keeps its code, message keys and numbers (`render_snapshot` shows it in the
    reader's language) and, for readers of the raw record, its text in `lang`."""
    facts = facts_module.load(session, year, scope)
    out: list[dict[str, Any]] = []
    for award_type, person_id, unit in items:
        recipient = RecipientKind.individual if person_id is not None else RecipientKind.collective
        inside = person_id in facts.people if person_id is not None else unit.id in facts.units
        if not inside:
            out.append(
                {
                    "regime": regime_for_year(year),
                    "eligible": None,
                    "criteria": [],
                    "note": translate(OUTSIDE, lang),
                    "note_message": OUTSIDE,
                }
            )
            continue
        verdict, results = judge(
            facts,
            rules_for(year, award_type, recipient),
            person_id if person_id is not None else unit.id,  # type: ignore[arg-type]
            lang,
        )
        out.append(
            {
                "regime": regime_for_year(year),
                "eligible": verdict,
                "criteria": [r.model_dump() for r in results],
            }
        )
    return out
