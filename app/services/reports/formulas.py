"""A small, safe expression form for metrics, indicators and validation rules — no eval.

    sum        := term (("+" | "-") term)*
    term       := ["-"] (reference | integer)
    reference  := ["prev." | "prev_year."] metric_code
    comparison := sum ("==" | "!=" | "<=" | ">=" | "<" | ">") sum

`prev.` reads the previous quarter of the same statistics year, `prev_year.` the previous
year's Q4. A reference to a missing value makes the whole expression unknown (None).
"""

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>(?:prev_year\.|prev\.)?[a-z_][a-z0-9_]*)|(?P<int>\d+)|(?P<op>==|!=|<=|>=|<|>|\+|-))"
)
COMPARATORS: dict[str, Callable[[int, int], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}
Scope = Mapping[str, int | None]
# What a failed comparison shows: the opposite of what the rule asks.
BROKEN = {"==": "≠", "!=": "=", "<=": ">", ">=": "<", "<": "≥", ">": "≤"}


class FormulaError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    sign: int
    source: str  # "" current, "prev", "prev_year", "const"
    name: str
    constant: int = 0


@dataclass(frozen=True)
class Sum:
    terms: tuple[Term, ...]

    def references(self) -> set[tuple[str, str]]:
        return {(t.source, t.name) for t in self.terms if t.source != "const"}

    def shown(
        self,
        current: Scope,
        prev: Scope | None,
        prev_year: Scope | None,
        number: Callable[[int], str],
    ) -> str:
        """The sum with its numbers, as a clerk checks it by hand: "600 + 217"."""
        out = []
        for i, term in enumerate(self.terms):
            if term.source == "const":
                value: int | None = term.constant
            else:
                scope = {"": current, "prev": prev, "prev_year": prev_year}[term.source]
                value = scope.get(term.name) if scope is not None else None
            piece = "?" if value is None else number(value)
            sign = "−" if term.sign < 0 else "+"
            out.append(
                piece if i == 0 and term.sign > 0 else f"{sign} {piece}" if i else f"−{piece}"
            )
        return " ".join(out)

    def evaluate(
        self, current: Scope, prev: Scope | None = None, prev_year: Scope | None = None
    ) -> int | None:
        total = 0
        for term in self.terms:
            if term.source == "const":
                total += term.sign * term.constant
                continue
            scope = {"": current, "prev": prev, "prev_year": prev_year}[term.source]
            value = scope.get(term.name) if scope is not None else None
            if value is None:
                return None
            total += term.sign * value
        return total


@dataclass(frozen=True)
class Comparison:
    left: Sum
    op: str
    right: Sum

    def references(self) -> set[tuple[str, str]]:
        return self.left.references() | self.right.references()

    def holds(
        self, current: Scope, prev: Scope | None = None, prev_year: Scope | None = None
    ) -> bool | None:
        left = self.left.evaluate(current, prev, prev_year)
        right = self.right.evaluate(current, prev, prev_year)
        if left is None or right is None:
            return None
        return COMPARATORS[self.op](left, right)

    def shown_broken(
        self,
        current: Scope,
        prev: Scope | None,
        prev_year: Scope | None,
        number: Callable[[int], str],
    ) -> str:
        """Why the rule fails, in numbers: "777 ≠ 600 + 217"."""
        left = self.left.shown(current, prev, prev_year, number)
        right = self.right.shown(current, prev, prev_year, number)
        return f"{left} {BROKEN[self.op]} {right}"


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise FormulaError(f"unexpected character at {pos}: {text[pos : pos + 10]!r}")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def _parse_sum(tokens: list[tuple[str, str]]) -> Sum:
    terms: list[Term] = []
    sign = 1
    expect_term = True
    for kind, value in tokens:
        if expect_term:
            if kind == "op" and value == "-":
                sign = -sign
                continue
            if kind == "int":
                terms.append(Term(sign, "const", "", int(value)))
            elif kind == "ref":
                source, _, name = value.rpartition(".")
                terms.append(Term(sign, source, name))
            else:
                raise FormulaError(f"expected a metric or a number, got {value!r}")
            sign, expect_term = 1, False
        else:
            if kind != "op" or value not in "+-":
                raise FormulaError(f"expected + or -, got {value!r}")
            sign, expect_term = (1 if value == "+" else -1), True
    if expect_term:
        raise FormulaError("the expression ends where a term was expected")
    return Sum(tuple(terms))


@lru_cache(maxsize=1024)
def parse_sum(text: str) -> Sum:
    return _parse_sum(_tokens(text))


@lru_cache(maxsize=1024)
def parse_comparison(text: str) -> Comparison:
    tokens = _tokens(text)
    ops = [i for i, (kind, value) in enumerate(tokens) if kind == "op" and value in COMPARATORS]
    if len(ops) != 1:
        raise FormulaError("a rule compares exactly two sums")
    i = ops[0]
    return Comparison(_parse_sum(tokens[:i]), tokens[i][1], _parse_sum(tokens[i + 1 :]))
