"""The words of the eligibility rules, kept as codes and numbers and rendered in the reader's
language when the API answers.

A text is `{"message": <English key>, "params": {...}}`: the key is looked up in
`app.core.messages` (Vietnamese) and the parameters are filled in with str.format names. A
parameter is plain (a number, a proper name, a quoted title) or typed so that it renders in
the reader's language:

    {"pct": 82.5, "decimals": 2}   82,50 % | 82.50%
    {"date": "2021-03-01"}         01/03/2021
    {"award": "LDTT"}              Lao động tiên tiến | Advanced Worker
    {"indicator": "ty_le_viec"}    Tỷ lệ thi hành xong về việc | Completion rate (cases)
    {"term": "reprimand"}          khiển trách | reprimand (a key of the messages catalogue)
    {"message": ..., "params": …}  a nested text
    [text, text, …]                texts joined by "; "
"""

from datetime import date
from typing import Any

from app.core.messages import translate

Text = dict[str, Any]

UNCONFIRMED = "This rule is not confirmed yet — the officer must check it: {detail}"

# Codes of the facts, as words that read inside a sentence.
ASSESSMENT_TERMS = {
    "HTXSNV": "completed tasks excellently",
    "HTTNV": "completed tasks well",
    "HTNV": "completed tasks",
    "KHTNV": "did not complete tasks",
}
DISCIPLINE_TERMS = {
    "NONE": "no discipline",
    "KHIEN_TRACH": "reprimand",
    "CANH_CAO": "warning",
    "HIGHER": "salary reduction or heavier",
}
SCOPE_TERMS = {
    "co_so": "at grassroots level",
    "bo_tinh": "at ministry, sector or province level",
    "toan_quoc": "at national level",
}


def text(message: str, **params: Any) -> Text:
    return {"message": message, "params": params}


def pct(value: float | None, decimals: int = 2) -> dict[str, Any]:
    return {"pct": value, "decimals": decimals}


def day(value: date) -> dict[str, str]:
    return {"date": value.isoformat()}


def award(code: str) -> dict[str, str]:
    return {"award": code}


def indicator(code: str) -> dict[str, str]:
    return {"indicator": code}


def term(key: str) -> dict[str, str]:
    return {"term": key}


def unconfirmed(detail: str, **params: Any) -> Text:
    return text(UNCONFIRMED, detail=text(detail, **params))


def _award_names() -> dict[str, tuple[str, str]]:
    from app.services.awards.catalogue import TYPES

    return {row[0]: (row[1], row[2]) for row in TYPES}


def _indicator_names() -> dict[str, tuple[str, str]]:
    from app.services.reports.catalogue import INDICATORS

    return {i.code: (i.name_vi, i.name_en) for i in INDICATORS}


def format_pct(value: float | None, decimals: int, lang: str) -> str:
    if value is None:
        return "—"
    number = f"{value:.{decimals}f}"
    return number + "%" if lang == "en" else number.replace(".", ",") + " %"


def _param(value: Any, lang: str) -> Any:
    if isinstance(value, list):
        return "; ".join(str(_param(v, lang)) for v in value)
    if not isinstance(value, dict):
        return value
    if "message" in value:
        return render(value, lang)
    if "pct" in value:
        return format_pct(value["pct"], int(value.get("decimals", 2)), lang)
    if "date" in value:
        return date.fromisoformat(value["date"]).strftime("%d/%m/%Y")
    if "award" in value:
        names = _award_names().get(value["award"])
        return (names[1] if lang == "en" else names[0]) if names else value["award"]
    if "indicator" in value:
        names = _indicator_names().get(value["indicator"])
        return (names[1] if lang == "en" else names[0]) if names else value["indicator"]
    if "term" in value:
        return translate(value["term"], lang)
    return value


def render(value: Text | str | None, lang: str) -> str:
    """A text in the reader's language; a plain string (an old snapshot) as it was stored."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    params = {k: _param(v, lang) for k, v in (value.get("params") or {}).items()}
    return translate(value["message"], lang, params)


def render_snapshot(snapshot: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """A stored result (with an award or a nomination) in the reader's language.

    Snapshots kept before the texts became codes carry only ready-made Vietnamese `rule` and
    `evidence`; they are shown as stored."""
    if not snapshot:
        return snapshot
    out = dict(snapshot)
    out["criteria"] = [
        render_criterion(c, lang) if isinstance(c, dict) and "message" in c else c
        for c in snapshot.get("criteria") or []
    ]
    if snapshot.get("note_message"):
        out["note"] = translate(snapshot["note_message"], lang)
    return out


def render_criterion(c: dict[str, Any], lang: str = "vi") -> dict[str, Any]:
    return {
        **c,
        "rule": render(
            text(c.get("rule_message") or c.get("code", ""), **(c.get("rule_params") or {})), lang
        ),
        "evidence": render(text(c["message"], **(c.get("params") or {})), lang),
    }
