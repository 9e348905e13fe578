"""What a run measures: data-set size, request counts, and which databases.

`use_database` must run before anything imports the app: settings and the engine are read
from the environment once and cached.
"""

import os
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench"
SQLITE_FILE = VAR / "bench.db"
DATABASES = {
    "sqlite": f"sqlite:///{SQLITE_FILE}",
    # The `bench` database only: `test` and `lead` belong to other engineers.
    "postgresql": "postgresql://postgres@127.0.0.1:5432/bench",
}
SECRET = "bench-secret-key-long-enough-for-the-settings-guard"


@dataclass(frozen=True)
class Size:
    label: str
    provinces: int  # Cục THADS tỉnh (63 = the whole country)
    first_year: int  # statistics years first_year … last_year, closed, with reports
    last_year: int
    districts: tuple[int, int]  # Chi cục per province, inclusive range
    people: int
    requests: int  # timed requests per scenario, after `warmup` untimed ones
    warmup: int
    import_runs: int  # a full import is slow: fewer timed runs
    approved_share: float = 0.97
    late_share: float = 0.06

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def draft_year(self) -> int:
        """Q1 of this year is open with a draft report per office (the save scenario)."""
        return self.last_year + 1

    @property
    def import_year(self) -> int:
        """Four open, empty quarters that the bulk import fills."""
        return self.last_year + 2

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


FULL = Size("full", 63, 2013, 2022, (8, 15), 20_000, 150, 10, 5)
QUICK = Size("quick", 5, 2021, 2022, (8, 15), 1_500, 20, 3, 2)


def use_database(url: str) -> None:
    """Point the app at `url` (set before importing the app; caches cleared if it was)."""
    os.environ.update(
        DATABASE_URL=url,
        DEMO_MODE="false",
        SECRET_KEY=SECRET,
        API_URL="",
    )
    from app.core import config, db, security

    config.get_settings.cache_clear()
    db.get_engine.cache_clear()
    security._hasher.cache_clear()
