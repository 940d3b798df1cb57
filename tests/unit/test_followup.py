from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_desktop.domain.dates import add_months
from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.followup import (
    ActivityKind,
    ReportKind,
    ScheduledReport,
    follow_up_schedule,
    months_long,
    report_is_overdue,
)

K = ActivityKind
R = ReportKind


def test_short_project_worked_example() -> None:
    assert follow_up_schedule(K.PROJEKT, date(2023, 1, 1), date(2023, 12, 31)) == [
        ScheduledReport(R.HALVTID, date(2023, 7, 2), 1),
        ScheduledReport(R.SLUT, date(2023, 12, 31), 2),
    ]


def test_long_project_worked_example() -> None:
    assert follow_up_schedule(K.PROJEKT, date(2023, 1, 1), date(2025, 6, 30)) == [
        ScheduledReport(R.ARLIG, date(2024, 1, 1), 1),
        ScheduledReport(R.ARLIG, date(2025, 1, 1), 2),
        ScheduledReport(R.SLUT, date(2025, 6, 30), 3),
    ]


def test_exactly_18_months_counts_as_long() -> None:
    assert months_long(date(2023, 1, 1), date(2024, 6, 30)) == 18
    assert months_long(date(2023, 1, 1), date(2024, 6, 29)) == 17
    kinds = [r.kind for r in follow_up_schedule(K.FORSTUDIE, date(2023, 1, 1), date(2024, 6, 30))]
    assert kinds == [R.ARLIG, R.SLUT]
    kinds = [r.kind for r in follow_up_schedule(K.FORSTUDIE, date(2023, 1, 1), date(2024, 6, 29))]
    assert kinds == [R.HALVTID, R.SLUT]


def test_months_long() -> None:
    assert months_long(date(2023, 1, 1), date(2023, 12, 31)) == 12
    assert months_long(date(2023, 1, 15), date(2023, 1, 15)) == 0
    # add_months(2023-01-31, 1) == 2023-02-28 <= 2023-02-27 + 1 day
    assert months_long(date(2023, 1, 31), date(2023, 2, 26)) == 0
    assert months_long(date(2023, 1, 31), date(2023, 2, 27)) == 1
    with pytest.raises(DomainError):
        months_long(date(2023, 2, 1), date(2023, 1, 1))


def test_program_every_six_months_plus_final() -> None:
    schedule = follow_up_schedule(K.PROGRAM, date(2023, 3, 1), date(2024, 9, 1))
    assert [(r.kind, r.due) for r in schedule] == [
        (R.HALVAR, date(2023, 9, 1)),
        (R.HALVAR, date(2024, 3, 1)),
        (R.SLUT, date(2024, 9, 1)),
    ]
    assert [r.sequence for r in schedule] == [1, 2, 3]


def test_open_end_until_horizon_without_final() -> None:
    schedule = follow_up_schedule(
        K.PROFILOMRADE, date(2023, 1, 1), None, horizon=date(2024, 7, 1)
    )
    assert [(r.kind, r.due) for r in schedule] == [
        (R.HALVAR, date(2023, 7, 1)),
        (R.HALVAR, date(2024, 1, 1)),
        (R.HALVAR, date(2024, 7, 1)),
    ]
    schedule = follow_up_schedule(K.PROJEKT, date(2023, 1, 1), None, horizon=date(2025, 6, 1))
    assert [(r.kind, r.due) for r in schedule] == [
        (R.ARLIG, date(2024, 1, 1)),
        (R.ARLIG, date(2025, 1, 1)),
    ]
    with pytest.raises(DomainError) as info:
        follow_up_schedule(K.PROJEKT, date(2023, 1, 1), None)
    assert info.value.field == "Slutdatum"


def test_horizon_caps_closed_schedule_and_bad_dates_fail() -> None:
    schedule = follow_up_schedule(
        K.PROJEKT, date(2023, 1, 1), date(2025, 6, 30), horizon=date(2024, 12, 31)
    )
    assert [r.due for r in schedule] == [date(2024, 1, 1)]
    with pytest.raises(DomainError, match="före startdatum"):
        follow_up_schedule(K.PROJEKT, date(2023, 1, 1), date(2022, 1, 1))


def test_report_is_overdue() -> None:
    assert report_is_overdue(date(2024, 1, 1), None, date(2024, 1, 2))
    assert not report_is_overdue(date(2024, 1, 1), None, date(2024, 1, 1))
    assert not report_is_overdue(date(2024, 1, 1), date(2024, 3, 1), date(2024, 6, 1))


@given(
    st.sampled_from(list(ActivityKind)),
    st.dates(date(2000, 1, 1), date(2050, 1, 1)),
    st.integers(0, 4000),
)
def test_schedule_properties(kind: ActivityKind, start: date, length: int) -> None:
    end = start + timedelta(days=length)
    schedule = follow_up_schedule(kind, start, end)
    assert schedule[-1] == ScheduledReport(R.SLUT, end, len(schedule))
    assert [r.sequence for r in schedule] == list(range(1, len(schedule) + 1))
    dues = [r.due for r in schedule]
    assert dues == sorted(dues)
    assert all(start <= d <= end for d in dues)
    long_project = add_months(start, 18) <= end + timedelta(days=1)
    if kind in (K.PROGRAM, K.PROFILOMRADE):
        assert {r.kind for r in schedule[:-1]} <= {R.HALVAR}
    elif long_project:
        assert {r.kind for r in schedule[:-1]} == {R.ARLIG}
    else:
        assert [r.kind for r in schedule] == [R.HALVTID, R.SLUT]
