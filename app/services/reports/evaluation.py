"""Derived values, indicators and rule issues, computed from a report's values on every read."""

from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from app.models.metrics import Severity
from app.models.reports import Evaluation, Issue
from app.services.reports.catalogue import Catalogue

CENT = Decimal("0.01")


def rate(numerator: int | None, denominator: int | None) -> float | None:
    """Percent, rounded half-up to 2 decimals; unknown when the denominator is 0 or missing."""
    if numerator is None or not denominator:
        return None
    return float(
        (Decimal(numerator) * 100 / Decimal(denominator)).quantize(CENT, rounding=ROUND_HALF_UP)
    )


def points(value: float | None, target: float | None) -> float | None:
    if value is None or target is None:
        return None
    return float(
        (Decimal(str(value)) - Decimal(str(target))).quantize(CENT, rounding=ROUND_HALF_UP)
    )


def derive(cat: Catalogue, values: Mapping[str, int | None]) -> dict[str, int | None]:
    scope: dict[str, int | None] = {code: values.get(code) for code in cat.inputs}
    derived: dict[str, int | None] = {}
    for code, formula in cat.derived:  # in position order: a derived value may use an earlier one
        derived[code] = formula.evaluate(scope)
        scope[code] = derived[code]
    return derived


def evaluate(
    cat: Catalogue,
    values: Mapping[str, int | None],
    *,
    prev: Mapping[str, int | None] | None = None,
    prev_year: Mapping[str, int | None] | None = None,
    lang: str = "vi",
) -> Evaluation:
    current = {code: values.get(code) for code in cat.inputs}
    derived = derive(cat, current)
    scope = {**current, **derived}
    prev_scope = {**prev, **derive(cat, prev)} if prev else None
    prev_year_scope = {**prev_year, **derive(cat, prev_year)} if prev_year else None
    indicators = {
        code: rate(num.evaluate(scope), den.evaluate(scope)) for code, num, den in cat.indicators
    }
    issues = []
    for rule in cat.rules:
        if rule.check.holds(scope, prev_scope, prev_year_scope) is False:
            issues.append(
                Issue(
                    rule=rule.code,
                    severity=rule.severity,
                    message=(rule.message_en if lang == "en" else rule.message_vi)
                    + f" ({rule.check.shown_broken(scope, prev_scope, prev_year_scope, _number(lang))})",
                    fields=list(rule.fields),
                )
            )
    issues.sort(key=lambda i: i.severity != Severity.error)
    return Evaluation(values=current, derived=derived, indicators=indicators, issues=issues)


def _number(lang: str) -> Callable[[int], str]:
    """1234567 as "1.234.567" in Vietnamese, "1,234,567" in English."""
    if lang == "en":
        return lambda n: f"{n:,}"
    return lambda n: f"{n:,}".replace(",", ".")


def missing_inputs(cat: Catalogue, values: Mapping[str, int | None]) -> list[str]:
    return [code for code in cat.inputs if values.get(code) is None]
