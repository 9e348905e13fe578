"""The council's vote on a nomination: the rule of the award's regime, the outcome as data
(a code and the numbers), and both in words in the reader's language, rendered when read."""

from math import ceil
from typing import Any

from app.core.messages import translate
from app.models.awards import CouncilVote, Nomination, NominationStatus

# Council thresholds: NĐ 91/2017 Đ.45.8 — secret ballot, ≥ 90 % of ALL members.
SECRET_BALLOT_90 = {"CSTD_NGANH", "CSTD_TOAN_QUOC", "CO_THI_DUA_CP"}

# The council's rules and outcomes in words, keyed by code: rendered in the caller's language
# when read, so a stored vote holds numbers and a code, never a sentence.
VOTE_RULES = {
    "secret_ballot_90": (
        "Secret ballot; at least 90 % of all council members must vote for it "
        "(Decree 91/2017/NĐ-CP, Article 45(8))"
    ),
    "majority": "More than half of all council members must vote for it",
}
VOTE_OUTCOMES = {
    "secret_ballot_required": (
        "This title requires a secret ballot (Decree 91/2017/NĐ-CP, Article 45(8))"
    ),
    "secret_ballot_90": (
        "{yes}/{members} members in favour ({share}); at least 90 % of all members are "
        "needed, that is ≥ {need} votes (Decree 91/2017/NĐ-CP, Article 45(8))"
    ),
    "majority": (
        "{yes}/{members} members in favour ({share}); more than half of all members are "
        "needed, that is ≥ {need} votes (a default rule: not confirmed yet — the officer must "
        "check the sector council's regulation)"
    ),
}
COUNCIL_REJECTED = "The council did not pass it: {explanation}"


def vote_rule_code(code: str) -> str:
    return "secret_ballot_90" if code in SECRET_BALLOT_90 else "majority"


def vote_outcome(code: str, vote: CouncilVote) -> dict[str, Any]:
    """Whether the council's vote carries the nomination, as data: the outcome's code and
    the numbers its sentence needs (see explain_vote)."""
    if code in SECRET_BALLOT_90:
        need = ceil(0.9 * vote.members)
        if not vote.secret_ballot:
            return {"passed": False, "outcome": "secret_ballot_required", "need": need}
        return {"passed": vote.yes >= need, "outcome": "secret_ballot_90", "need": need}
    need = vote.members // 2 + 1
    return {"passed": vote.yes >= need, "outcome": "majority", "need": need}


def explain_vote(vote: dict[str, Any], lang: str) -> str:
    """The stored vote's outcome in words, in `lang`."""
    share = f"{vote['yes'] / vote['members'] * 100:.1f}"
    if lang == "vi":
        share = share.replace(".", ",")
    params = {**vote, "share": share + " %"}
    return translate(VOTE_OUTCOMES[vote["outcome"]], lang, params)


def public_vote(vote: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """The vote with `rule`, its outcome in words (votes recorded before outcomes were
    stored as codes keep the sentence they were stored with)."""
    if vote is None or "outcome" not in vote:
        return vote
    return {**vote, "rule": explain_vote(vote, lang)}


def public_reason(n: Nomination, lang: str) -> str | None:
    council = n.status == NominationStatus.rejected and n.vote and "outcome" in n.vote
    if n.reason is None and council and not n.vote.get("passed"):  # type: ignore[union-attr]
        return translate(COUNCIL_REJECTED, lang, {"explanation": explain_vote(n.vote, lang)})  # type: ignore[arg-type]
    return n.reason
