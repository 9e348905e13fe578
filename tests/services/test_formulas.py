import pytest

from app.services.reports.evaluation import points, rate
from app.services.reports.formulas import FormulaError, parse_comparison, parse_sum


def test_sums_and_comparisons():
    assert parse_sum("a + b - 3").evaluate({"a": 5, "b": 2}) == 4
    assert parse_sum("a + b").evaluate({"a": 5, "b": None}) is None
    rule = parse_comparison("x + y <= z")
    assert rule.holds({"x": 1, "y": 2, "z": 3}) is True
    assert rule.holds({"x": 2, "y": 2, "z": 3}) is False
    assert parse_comparison("a >= prev.a").holds({"a": 1}, {"a": 2}) is False
    assert parse_comparison("a == prev_year.b").holds({"a": 1}, None, {"b": 1}) is True
    assert parse_comparison("a >= prev.a").holds({"a": 1}, None) is None


@pytest.mark.parametrize(
    "text", ["__import__('os')", "a * b", "a <= b <= c", "a +", "a b", "", "1 ="]
)
def test_anything_else_is_refused(text):
    with pytest.raises(FormulaError):
        parse_comparison(text)


def test_rates_round_half_up_to_two_decimals():
    assert rate(539290, 653719) == 82.5
    assert rate(266732, 966810) == 27.59
    assert rate(1, 8) == 12.5
    assert rate(1, 800) == 0.13  # 0.125 rounds up, not to even
    assert rate(5, 0) is None
    assert points(87.91, 82.5) == 5.41
