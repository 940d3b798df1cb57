"""Governance bodies, their meeting cadence and Swedish public holidays."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from samverkan_desktop.domain.dates import quarter_of

__all__ = [
    "Body",
    "MEETING_WEEKDAYS",
    "easter_sunday",
    "is_meeting_day",
    "meetings_per_year",
    "next_meeting_day",
    "plan_year",
    "swedish_public_holidays",
]

MEETING_WEEKDAYS = frozenset({1, 2, 3})  # Tuesday, Wednesday, Thursday


class Body(StrEnum):
    BEREDNING = "kommungemensam beredning"
    STYRGRUPP = "styrgrupp"
    LEDNINGSGRUPP = "ledningsgrupp"
    ARBETSGRUPP = "strategisk arbetsgrupp"
    RESULTATSPRIDNING = "resultatspridningstillfälle"
    KOMMUNSTYRELSEN = "kommunstyrelsen"
    KSAU = "kommunstyrelsens arbetsutskott"


_PER_YEAR = {
    Body.BEREDNING: 4,
    Body.STYRGRUPP: 4,
    Body.LEDNINGSGRUPP: 1,
    Body.ARBETSGRUPP: 2,
    Body.RESULTATSPRIDNING: 2,
    Body.KOMMUNSTYRELSEN: 0,
    Body.KSAU: 0,
}

# (month, day) anchors; the meeting is the first meeting day on or after the anchor.
_ANCHORS: dict[Body, tuple[tuple[int, int], ...]] = {
    Body.BEREDNING: ((2, 15), (5, 15), (9, 10), (11, 15)),  # September: avoid summer
    Body.LEDNINGSGRUPP: ((2, 5),),
    Body.ARBETSGRUPP: ((3, 12), (10, 8)),
    Body.RESULTATSPRIDNING: ((5, 27), (11, 27)),
    Body.KOMMUNSTYRELSEN: (),
    Body.KSAU: (),
}
_STYRGRUPP_LAG = timedelta(days=14)


def meetings_per_year(body: Body) -> int:
    """Planned meetings a year (0: the political board keeps its own calendar)."""
    return _PER_YEAR[body]


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_weekday_from(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def swedish_public_holidays(year: int) -> set[date]:
    """Public holidays plus the eves treated as non-working days."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1),  # nyårsdagen
        date(year, 1, 6),  # trettondedag jul
        easter - timedelta(days=2),  # långfredagen
        easter - timedelta(days=1),  # påskafton
        easter,  # påskdagen
        easter + timedelta(days=1),  # annandag påsk
        date(year, 5, 1),  # första maj
        easter + timedelta(days=39),  # Kristi himmelsfärdsdag
        easter + timedelta(days=49),  # pingstdagen
        date(year, 6, 6),  # nationaldagen
        _first_weekday_from(date(year, 6, 19), 4),  # midsommarafton
        _first_weekday_from(date(year, 6, 20), 5),  # midsommardagen
        _first_weekday_from(date(year, 10, 31), 5),  # alla helgons dag
        date(year, 12, 24),  # julafton
        date(year, 12, 25),  # juldagen
        date(year, 12, 26),  # annandag jul
        date(year, 12, 31),  # nyårsafton
    }


def is_meeting_day(d: date) -> bool:
    """Tuesday–Thursday and not a public holiday."""
    return d.weekday() in MEETING_WEEKDAYS and d not in swedish_public_holidays(d.year)


def next_meeting_day(d: date) -> date:
    """``d`` or the first meeting day after it."""
    while not is_meeting_day(d):
        d += timedelta(days=1)
    return d


def _previous_meeting_day(d: date) -> date:
    while not is_meeting_day(d):
        d -= timedelta(days=1)
    return d


def plan_year(body: Body, year: int) -> list[date]:
    """Deterministic planned meeting dates for ``body`` in ``year``, in order."""
    if body is Body.STYRGRUPP:
        dates = []
        for beredning in plan_year(Body.BEREDNING, year):
            target = next_meeting_day(beredning + _STYRGRUPP_LAG)
            if quarter_of(target) != quarter_of(beredning):
                target = _previous_meeting_day(beredning + _STYRGRUPP_LAG)
            dates.append(target)
        return dates
    return [next_meeting_day(date(year, m, d)) for m, d in _ANCHORS[body]]
