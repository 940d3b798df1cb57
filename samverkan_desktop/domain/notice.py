"""Notice, termination, extension and breach deadlines of agreements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from samverkan_desktop.domain.dates import add_months, days_in_month
from samverkan_desktop.domain.errors import DomainError

__all__ = [
    "BreachDeadlines",
    "MONTH_NAMES",
    "NoticeRule",
    "TerminationOption",
    "breach_deadlines",
    "end_after_notice",
    "extension_deadline",
    "format_notice_rule",
    "format_termination_point",
    "notice_deadline",
    "parse_termination_points",
    "termination_options",
]

MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
_POINTS_FIELD = "Uppsägningsdatum"


@dataclass(frozen=True)
class NoticeRule:
    """Termination points (month, day) each year and the notice length in months.

    No points means notice may be given any day (the end is notice + months).
    """

    termination_points: tuple[tuple[int, int], ...] = ()
    notice_months: int = 0
    fixed_term: bool = False


@dataclass(frozen=True)
class TerminationOption:
    """A possible end date and the last day to give notice for it."""

    termination_date: date
    notice_deadline: date


@dataclass(frozen=True)
class BreachDeadlines:
    """Material breach: last day to rectify, and last day to terminate at once."""

    rectify_by: date | None
    terminate_by: date | None


def notice_deadline(termination: date, notice_months: int) -> date:
    """Termination date minus the notice months (same day, clamped to month end)."""
    return add_months(termination, -notice_months)


def _point_in_year(year: int, point: tuple[int, int]) -> date:
    month, day = point
    return date(year, month, min(day, days_in_month(year, month)))


def _candidates(rule: NoticeRule, from_year: int) -> list[date]:
    """Termination points of ``from_year`` and a bounded number of years after."""
    years = range(from_year, from_year + rule.notice_months // 12 + 4)
    return sorted({_point_in_year(y, p) for y in years for p in rule.termination_points})


def termination_options(
    rule: NoticeRule, today: date, period_end: date | None, count: int = 3
) -> list[TerminationOption]:
    """The next ``count`` termination points whose notice deadline is still ahead."""
    if rule.fixed_term or not rule.termination_points:
        return []
    options: list[TerminationOption] = []
    year = today.year
    while len(options) < count:
        for point in _candidates(rule, year):
            if period_end is not None and point > period_end:
                return options
            deadline = notice_deadline(point, rule.notice_months)
            if deadline >= today:
                options.append(TerminationOption(point, deadline))
                if len(options) == count:
                    break
        year += rule.notice_months // 12 + 4
    return options


def end_after_notice(rule: NoticeRule, notice_given: date) -> date:
    """Earliest end date when notice is given on ``notice_given``."""
    if rule.fixed_term:
        raise DomainError(
            "Uppsägning", "Uppsägning: avtalet är tidsbegränsat och kan inte sägas upp"
        )
    if not rule.termination_points:
        return add_months(notice_given, rule.notice_months)
    return termination_options(rule, notice_given, None, count=1)[0].termination_date


def extension_deadline(period_end: date, lead_months: int = 3) -> date:
    """Last day to agree an extension (seed 000 §7: one quarter before the end)."""
    return add_months(period_end, -lead_months)


def breach_deadlines(
    request_date: date | None, aware_date: date | None, days: int = 60
) -> BreachDeadlines:
    """Deadlines after a written request to rectify, and after becoming aware."""
    step = timedelta(days=days)
    return BreachDeadlines(
        rectify_by=None if request_date is None else request_date + step,
        terminate_by=None if aware_date is None else aware_date + step,
    )


def format_termination_point(point: tuple[int, int]) -> str:
    """(2, 1) -> "1 februari"."""
    month, day = point
    return f"{day} {MONTH_NAMES[month - 1]}"


def _months_text(n: int) -> str:
    return f"{n} månads" if n == 1 else f"{n} månaders"


def format_notice_rule(rule: NoticeRule) -> str:
    """Swedish summary, e.g. "12 månaders uppsägning till 1 februari"."""
    if rule.fixed_term:
        return "Tidsbegränsat, ingen uppsägning"
    if not rule.termination_points:
        if rule.notice_months == 0:
            return "Ingen uppsägningsregel"
        return f"{_months_text(rule.notice_months)} uppsägning"
    points = " eller ".join(format_termination_point(p) for p in sorted(rule.termination_points))
    if rule.notice_months == 0:
        return f"Uppsägning till {points} utan uppsägningstid"
    return f"{_months_text(rule.notice_months)} uppsägning till {points}"


_NUMERIC = re.compile(r"^(?:--)?(\d{1,2})-(\d{1,2})$|^(\d{2})(\d{2})$", re.ASCII)
_NAMED = re.compile(r"^(\d{1,2})\s*([^\W\d_]+)\.?$")


def _parse_point(item: str) -> tuple[int, int]:
    month = day = 0
    if m := _NUMERIC.match(item):
        month, day = (int(g) for g in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
    elif (m := _NAMED.match(item)) is not None:
        name = m.group(2).casefold()
        candidates = [i + 1 for i, full in enumerate(MONTH_NAMES) if full.startswith(name)]
        if len(name) >= 3 and len(candidates) == 1:
            month, day = candidates[0], int(m.group(1))
    if 1 <= month <= 12 and 1 <= day <= days_in_month(2000, month):
        return (month, day)
    raise DomainError(
        _POINTS_FIELD,
        f"{_POINTS_FIELD}: '{item}' är inte en dag på året (skriv MM-DD, t.ex. 02-01)",
    )


def parse_termination_points(text: str) -> tuple[tuple[int, int], ...]:
    """Parse "02-01, 12-31" (also "1 februari") into sorted unique (month, day)."""
    items: list[str] = []
    for part in re.split(r"[,;]|\s+(?:och|eller)\s+", text.strip()):
        # "02-01 12-31": purely numeric pieces may also be separated by spaces
        items.extend(part.split() if re.fullmatch(r"[\d\s-]+", part) else [part.strip()])
    items = [item for item in items if item]
    return tuple(sorted({_parse_point(item) for item in items}))
