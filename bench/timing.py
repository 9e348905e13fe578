"""Timing samples (median, p95) and a count of the SQL statements the app sends."""

import inspect
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event


class QueryCounter:
    """Counts every statement the engine sends (an executemany counts once)."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 5 samples is the largest)."""
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Samples:
    ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        return percentile(self.ms, 0.95)

    @property
    def typical_queries(self) -> int:
        """The most common count (a token touch adds one statement once a minute)."""
        return statistics.mode(self.queries) if self.queries else 0

    def summary(self) -> dict[str, Any]:
        return {
            "n": len(self.ms),
            "median_ms": round(self.median, 2),
            "p95_ms": round(self.p95, 2),
            "queries": self.typical_queries,
            "queries_max": max(self.queries) if self.queries else 0,
            "samples_ms": [round(x, 2) for x in self.ms],
        }


async def measure(
    *calls: Callable[[int], Any],
    runs: int,
    warmup: int,
    counter: QueryCounter | None = None,
    between: Callable[[], Any] | None = None,
) -> list[Samples]:
    """Runs each `call(i)` (plain or async) in turn, warmup + runs times, and times the last
    `runs` of each. Interleaving an API call with its floor means both see the same machine
    (other load comes and goes). `between` runs untimed before each round."""
    samples = [Samples() for _ in calls]
    for i in range(warmup + runs):
        if between is not None:
            between()
        for call, sample in zip(calls, samples, strict=True):
            before = counter.count if counter else 0
            started = time.perf_counter()
            result = call(i)
            if inspect.isawaitable(result):
                await result
            elapsed = (time.perf_counter() - started) * 1000
            if i >= warmup:
                sample.ms.append(elapsed)
                if counter is not None:
                    sample.queries.append(counter.count - before)
    return samples
