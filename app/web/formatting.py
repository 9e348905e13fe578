"""Numbers, percentages, dates and times the way a Vietnamese office writes them.

1.234.567 · 82,50 % · 31/12/2022 · 31/12/2022 14:05 (Asia/Ho_Chi_Minh). English pages get
English digit grouping (1,234,567 · 82.50 %) but keep day/month/year dates.
Registered as Jinja filters by `templating.py`.
"""

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from app.core.config import get_settings
from app.web.i18n import current_language

VIETNAM = timezone(timedelta(hours=7), "ICT")


@cache
def local_today() -> date:
    """The offices' calendar day (settings.timezone, Asia/Ho_Chi_Minh)."""
    return datetime.now(local_zone()).date()


def local_zone() -> tzinfo:
    try:
        return ZoneInfo(get_settings().timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return VIETNAM  # Vietnam keeps UTC+7 all year


def _locale(lang: str | None) -> str:
    return lang or current_language()


# Parsed once: a ranking page formats thousands of numbers.
@cache
def _babel_locale(lang: str) -> Locale:
    return Locale.parse(lang)


@cache
def _pattern(places: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * places if places else ""))


def _round(value: float | int | Decimal, places: int) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def number(value: float | int | Decimal | None, places: int = 0, lang: str | None = None) -> str:
    """1234567 → "1.234.567"; places rounds half-up (82.505 → "82,51" with places=2)."""
    if value is None:
        return ""
    return _pattern(places).apply(_round(value, places), _babel_locale(_locale(lang)))


def percent(value: float | int | Decimal | None, places: int = 2, lang: str | None = None) -> str:
    """A rate already in percent: 82.5 → "82,50 %" (no-break space before the sign)."""
    if value is None:
        return ""
    return number(value, places, lang) + "\u00a0%"


def _parse_date(value: date | str) -> date | None:
    """A day as the offices see it: a moment (stored in UTC) falls on its day in local time."""
    if isinstance(value, str) and len(value) > 10:
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(local_zone()).date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def day(value: date | str | None) -> str:
    """2022-12-31 → "31/12/2022"."""
    if not value:
        return ""
    parsed = _parse_date(value)
    return parsed.strftime("%d/%m/%Y") if parsed else str(value)


def _parse_datetime(value: datetime | str) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def moment(value: datetime | str | None) -> str:
    """An instant (UTC from the API) on the office's clock: "31/12/2022 14:05"."""
    if not value:
        return ""
    parsed = _parse_datetime(value)
    if parsed is None:
        return str(value)
    return parsed.astimezone(local_zone()).strftime("%d/%m/%Y %H:%M")


FILTERS = {"number": number, "percent": percent, "day": day, "moment": moment}
