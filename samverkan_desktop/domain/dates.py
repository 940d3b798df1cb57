"""Calendar arithmetic: months, quarters, parsing and ISO formatting."""

from __future__ import annotations

import calendar
import re
from datetime import date

from samverkan_desktop.domain.errors import DomainError

__all__ = [
    "add_months",
    "days_in_month",
    "format_date",
    "month_index",
    "parse_date",
    "quarter_end",
    "quarter_of",
    "quarter_start",
]

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII)


def days_in_month(year: int, month: int) -> int:
    """Number of days in the month."""
    return calendar.monthrange(year, month)[1]


def month_index(d: date) -> int:
    """Months since year 0; differences give whole calendar months."""
    return d.year * 12 + d.month - 1


def add_months(d: date, n: int) -> date:
    """Shift by ``n`` months (may be negative); the day is clamped to month end."""
    index = month_index(d) + n
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, days_in_month(year, month)))


def _check_quarter(q: int) -> None:
    if q not in (1, 2, 3, 4):
        raise DomainError("Kvartal", f"Kvartal: {q} är inte ett kvartal (1–4)")


def quarter_of(d: date) -> int:
    """Calendar quarter 1–4."""
    return (d.month - 1) // 3 + 1


def quarter_start(year: int, q: int) -> date:
    """First day of the quarter."""
    _check_quarter(q)
    return date(year, 3 * q - 2, 1)


def quarter_end(year: int, q: int) -> date:
    """Last day of the quarter."""
    _check_quarter(q)
    month = 3 * q
    return date(year, month, days_in_month(year, month))


def parse_date(text: str, field: str) -> date:
    """Parse "2024-02-01" or "20240201"; raise DomainError in Swedish otherwise."""
    cleaned = text.strip()
    if not cleaned:
        raise DomainError(field, f"{field}: datum saknas (använd ÅÅÅÅ-MM-DD)")
    match = _ISO.match(cleaned) or _COMPACT.match(cleaned)
    if match is not None:
        year, month, day = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise DomainError(field, f"{field}: ogiltigt datum '{cleaned}' (använd ÅÅÅÅ-MM-DD)")


def format_date(d: date) -> str:
    """ISO 8601, e.g. 2024-02-01."""
    return d.isoformat()
