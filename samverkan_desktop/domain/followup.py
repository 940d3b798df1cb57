"""Follow-up report schedule of activities (seed 004, "uppföljning")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from samverkan_desktop.domain.dates import add_months, month_index
from samverkan_desktop.domain.errors import DomainError

__all__ = [
    "ActivityKind",
    "LONG_PROJECT_MONTHS",
    "ReportKind",
    "ScheduledReport",
    "follow_up_schedule",
    "months_long",
    "report_is_overdue",
]

LONG_PROJECT_MONTHS = 18


class ActivityKind(StrEnum):
    FORSTUDIE = "förstudie"
    PROJEKT = "projekt"
    PROGRAM = "program"
    PROFILOMRADE = "profilbärande område"
    TILLAGGSUPPDRAG = "tilläggsuppdrag"


class ReportKind(StrEnum):
    HALVTID = "halvtidsrapport"
    ARLIG = "årsrapport"
    HALVAR = "halvårsrapport"
    SLUT = "slutrapport"


@dataclass(frozen=True)
class ScheduledReport:
    """A report due on ``due``; ``sequence`` is 1-based within the schedule."""

    kind: ReportKind
    due: date
    sequence: int


def months_long(start: date, end: date) -> int:
    """Whole months covered: the largest n with add_months(start, n) <= end + 1 day."""
    if end < start:
        raise DomainError("Slutdatum", "Slutdatum ligger före startdatum")
    limit = end + timedelta(days=1)
    n = month_index(limit) - month_index(start) + 1
    while add_months(start, n) > limit:
        n -= 1
    return n


def _every(start: date, months: int, until: date, *, inclusive: bool) -> list[date]:
    dates: list[date] = []
    k = 1
    while (d := add_months(start, months * k)) < until or (inclusive and d == until):
        dates.append(d)
        k += 1
    return dates


def follow_up_schedule(
    kind: ActivityKind,
    start: date,
    end: date | None,
    *,
    horizon: date | None = None,
) -> list[ScheduledReport]:
    """Reports due for an activity; ``horizon`` is required for an open end.

    Pre-studies, projects and extra assignments shorter than 18 months: half-time
    report at the midpoint and a final report. 18 months or more: a report every 12
    months from the start, then a final one. Programs and profile areas: every 6
    months, then a final one. An open end gives periodic reports up to the horizon.
    ``horizon`` also caps a closed schedule.
    """
    if end is not None and end < start:
        raise DomainError("Slutdatum", "Slutdatum ligger före startdatum")
    periodic = kind in (ActivityKind.PROGRAM, ActivityKind.PROFILOMRADE)
    items: list[tuple[ReportKind, date]]
    if end is None:
        if horizon is None:
            raise DomainError(
                "Slutdatum",
                "Slutdatum saknas; ange en planeringshorisont för aktivitet utan slutdatum",
            )
        step, report = (6, ReportKind.HALVAR) if periodic else (12, ReportKind.ARLIG)
        items = [(report, d) for d in _every(start, step, horizon, inclusive=True)]
    elif periodic:
        items = [(ReportKind.HALVAR, d) for d in _every(start, 6, end, inclusive=False)]
        items.append((ReportKind.SLUT, end))
    elif months_long(start, end) >= LONG_PROJECT_MONTHS:
        items = [(ReportKind.ARLIG, d) for d in _every(start, 12, end, inclusive=False)]
        items.append((ReportKind.SLUT, end))
    else:
        midpoint = start + timedelta(days=(end - start).days // 2)
        items = [(ReportKind.HALVTID, midpoint), (ReportKind.SLUT, end)]
    if horizon is not None:
        items = [(k, d) for k, d in items if d <= horizon]
    return [ScheduledReport(k, d, i) for i, (k, d) in enumerate(items, start=1)]


def report_is_overdue(due: date, received: date | None, today: date) -> bool:
    """Not received and the due date has passed."""
    return received is None and today > due
