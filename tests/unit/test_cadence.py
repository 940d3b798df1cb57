from __future__ import annotations

from datetime import date, timedelta

import pytest

from samverkan_desktop.domain.cadence import (
    Body,
    easter_sunday,
    is_meeting_day,
    meetings_per_year,
    next_meeting_day,
    plan_year,
    swedish_public_holidays,
)
from samverkan_desktop.domain.dates import quarter_of

YEARS = range(2000, 2101)


def test_meetings_per_year() -> None:
    assert [meetings_per_year(b) for b in Body] == [4, 4, 1, 2, 2, 0, 0]


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2019, date(2019, 4, 21)), (2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)),
     (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22))],
)  # fmt: skip
def test_easter(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_holidays_2024() -> None:
    h = swedish_public_holidays(2024)
    expected = {
        date(2024, 1, 1), date(2024, 1, 6), date(2024, 3, 29), date(2024, 3, 30),
        date(2024, 3, 31), date(2024, 4, 1), date(2024, 5, 1), date(2024, 5, 9),
        date(2024, 5, 19), date(2024, 6, 6), date(2024, 6, 21), date(2024, 6, 22),
        date(2024, 11, 2), date(2024, 12, 24), date(2024, 12, 25), date(2024, 12, 26),
        date(2024, 12, 31),
    }  # fmt: skip
    assert h == expected


def test_meeting_days() -> None:
    assert not is_meeting_day(date(2024, 5, 9))  # Kristi himmelsfärd, a Thursday
    assert not is_meeting_day(date(2024, 5, 13))  # Monday
    assert is_meeting_day(date(2024, 5, 14))
    assert next_meeting_day(date(2024, 12, 24)) == date(2025, 1, 1) + timedelta(days=1)


def _check(body: Body, year: int) -> list[date]:
    dates = plan_year(body, year)
    assert len(dates) == meetings_per_year(body)
    assert dates == sorted(dates)
    holidays = swedish_public_holidays(year)
    for d in dates:
        assert d.year == year
        assert d.weekday() in (1, 2, 3), d
        assert d not in holidays, d
    return dates


@pytest.mark.parametrize("year", YEARS)
def test_plans_are_valid_every_year(year: int) -> None:
    beredning = _check(Body.BEREDNING, year)
    assert [d.month for d in beredning] == [2, 5, 9, 11]
    styrgrupp = _check(Body.STYRGRUPP, year)
    for b, s in zip(beredning, styrgrupp, strict=True):
        assert quarter_of(b) == quarter_of(s)
        assert 10 <= (s - b).days <= 21
    assert [d.month for d in _check(Body.LEDNINGSGRUPP, year)] == [2]
    assert [d.month for d in _check(Body.ARBETSGRUPP, year)] == [3, 10]
    q2, q4 = _check(Body.RESULTATSPRIDNING, year)
    assert (q2.month, q2.day) >= (5, 20) and q2.month <= 6
    assert (q4.month, q4.day) >= (11, 20) and (q4.month, q4.day) <= (12, 10)
    assert _check(Body.KOMMUNSTYRELSEN, year) == []
    assert _check(Body.KSAU, year) == []


def test_plan_is_deterministic() -> None:
    assert plan_year(Body.STYRGRUPP, 2025) == plan_year(Body.STYRGRUPP, 2025)
    assert plan_year(Body.BEREDNING, 2025)[0] == date(2025, 2, 18)
