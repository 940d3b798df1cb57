"""Included hours, quota status and pricing of extra work (time in whole minutes)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.fees import PlannedInvoice, period_amount_ore
from samverkan_desktop.domain.money import round_div

__all__ = [
    "DEFAULT_DISCOUNT_BP",
    "INCLUDED_MINUTES_PER_QUARTER",
    "INCLUDED_MINUTES_PER_YEAR",
    "QuotaStatus",
    "excess_price_ore",
    "extra_work_price_ore",
    "format_hours",
    "included_minutes",
    "parse_hours",
    "quota_status",
]

INCLUDED_MINUTES_PER_YEAR = 80 * 60
INCLUDED_MINUTES_PER_QUARTER = 20 * 60
DEFAULT_DISCOUNT_BP = 1500


def included_minutes(
    plan: Iterable[PlannedInvoice],
    year: int | None = None,
    minutes_per_year: int = INCLUDED_MINUTES_PER_YEAR,
) -> int:
    """Included minutes for the charged periods (optionally one year only)."""
    total = 0
    for inv in plan:
        if year is not None and inv.year != year:
            continue
        per_year = 12 // inv.months
        total += period_amount_ore(minutes_per_year, per_year, inv.period_no)
    return total


@dataclass(frozen=True)
class QuotaStatus:
    """Used minutes against an included quota."""

    included_min: int
    used_min: int
    remaining_min: int
    excess_min: int


def quota_status(included_min: int, used_min: int) -> QuotaStatus:
    """Remaining and excess minutes; both are never negative."""
    if included_min < 0:
        raise DomainError("Ingående timmar", "Ingående timmar får inte vara negativa")
    if used_min < 0:
        raise DomainError("Använda timmar", "Använda timmar får inte vara negativa")
    return QuotaStatus(
        included_min=included_min,
        used_min=used_min,
        remaining_min=max(0, included_min - used_min),
        excess_min=max(0, used_min - included_min),
    )


def extra_work_price_ore(
    minutes: int, list_price_per_hour_ore: int, discount_bp: int = DEFAULT_DISCOUNT_BP
) -> int:
    """minutes × hourly list price × (1 − discount), exact, rounded half up to öre."""
    if minutes < 0:
        raise DomainError("Timmar", "Timmar får inte vara negativa")
    if list_price_per_hour_ore < 0:
        raise DomainError("Timpris", "Timpris får inte vara negativt")
    if not 0 <= discount_bp <= 10_000:
        raise DomainError("Rabatt", "Rabatt måste vara mellan 0 och 100 %")
    return round_div(minutes * list_price_per_hour_ore * (10_000 - discount_bp), 60 * 10_000)


def excess_price_ore(
    status: QuotaStatus, list_price_per_hour_ore: int, discount_bp: int = DEFAULT_DISCOUNT_BP
) -> int:
    """Price of the minutes beyond the quota."""
    return extra_work_price_ore(status.excess_min, list_price_per_hour_ore, discount_bp)


_NUM = r"(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?"
_CLOCK = re.compile(r"^(\d+):([0-5]\d)$", re.ASCII)
_HOURS_UNIT = r"(?:h|t|tim|timme|timmar)"
_MIN_UNIT = r"(?:m|min|minut|minuter)"
_FULL = re.compile(
    rf"^(?:{_NUM}\s*{_HOURS_UNIT}?)?\s*(?:(\d+)\s*{_MIN_UNIT})?$", re.ASCII
)
_MINUTES_ONLY = re.compile(rf"^{_NUM}\s*{_MIN_UNIT}$", re.ASCII)


def _decimal_to_minutes(whole: str, frac: str | None, unit_minutes: int) -> int:
    frac = frac or ""
    scale = 10 ** len(frac)
    value = int(whole.replace(" ", "")) * scale + (int(frac) if frac else 0)
    return round_div(value * unit_minutes, scale)


def parse_hours(text: str, field: str = "Timmar") -> int:
    """Minutes from "1,5", "1.5", "2 h", "1:30", "90 min", "1 h 30 min"."""
    original = text.strip()
    if not original:
        raise DomainError(field, f"{field}: tid saknas")
    s = re.sub(r"\s+", " ", original.replace("\u00a0", " ")).casefold()
    if s.startswith(("-", "\u2212")):
        raise DomainError(field, f"{field}: '{original}' får inte vara negativt")
    if m := _CLOCK.match(s):
        return int(m.group(1)) * 60 + int(m.group(2))
    if m := _MINUTES_ONLY.match(s):
        return _decimal_to_minutes(m.group(1), m.group(2), 1)
    m = _FULL.match(s)
    if m is None or (m.group(1) is None and m.group(3) is None):
        raise DomainError(
            field, f"{field}: '{original}' är ingen tid (skriv t.ex. 1,5 h, 1:30 eller 90 min)"
        )
    total = 0
    if m.group(1) is not None:
        total += _decimal_to_minutes(m.group(1), m.group(2), 60)
    if m.group(3) is not None:
        total += int(m.group(3))
    return total


def format_hours(minutes: int) -> str:
    """Decimal hours with up to two decimals: 90 -> "1,5 h", 80 -> "1,33 h"."""
    hundredths = round_div(abs(minutes) * 100, 60)
    whole, frac = divmod(hundredths, 100)
    text = f"{whole:,}".replace(",", " ")
    if frac:
        text += "," + f"{frac:02d}".rstrip("0")
    sign = "-" if minutes < 0 and hundredths else ""
    return f"{sign}{text} h"
