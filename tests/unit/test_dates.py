from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_desktop.domain.dates import (
    add_months,
    format_date,
    parse_date,
    quarter_end,
    quarter_of,
    quarter_start,
)
from samverkan_desktop.domain.errors import DomainError

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2024, 12, 31), -3, date(2024, 9, 30)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 1), -12, date(2023, 2, 1)),
        (date(2024, 12, 31), -6, date(2024, 6, 30)),
        (date(2023, 11, 15), 3, date(2024, 2, 15)),
        (date(2024, 3, 15), -15, date(2022, 12, 15)),
        (date(2024, 5, 5), 0, date(2024, 5, 5)),
    ],
)
def test_add_months(d: date, n: int, expected: date) -> None:
    assert add_months(d, n) == expected


@given(dates, st.integers(-1200, 1200))
def test_add_months_keeps_day_or_clamps_to_month_end(d: date, n: int) -> None:
    r = add_months(d, n)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == n
    assert r.day == d.day or (r.day < d.day and (r + timedelta(days=1)).day == 1)


@given(dates, st.integers(0, 600), st.integers(0, 600))
def test_add_months_is_monotonic(d: date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert add_months(d, lo) <= add_months(d, hi)


def test_quarters() -> None:
    assert [quarter_of(date(2024, m, 1)) for m in range(1, 13)] == [1] * 3 + [2] * 3 + [
        3
    ] * 3 + [4] * 3
    assert quarter_start(2024, 2) == date(2024, 4, 1)
    assert quarter_end(2024, 1) == date(2024, 3, 31)
    assert quarter_end(2024, 4) == date(2024, 12, 31)
    with pytest.raises(DomainError, match="Kvartal"):
        quarter_start(2024, 5)


@given(dates)
def test_date_lies_in_its_quarter(d: date) -> None:
    q = quarter_of(d)
    assert quarter_start(d.year, q) <= d <= quarter_end(d.year, q)


@pytest.mark.parametrize("text", ["2024-02-01", "20240201", " 2024-02-01 ", "2024-2-1"])
def test_parse_date_accepts(text: str) -> None:
    assert parse_date(text, "Startdatum") == date(2024, 2, 1)


def test_parse_date_message_in_swedish() -> None:
    with pytest.raises(DomainError) as info:
        parse_date("2024-13-01", "Startdatum")
    assert str(info.value) == "Startdatum: ogiltigt datum '2024-13-01' (använd ÅÅÅÅ-MM-DD)"
    assert info.value.field == "Startdatum"


@pytest.mark.parametrize("text", ["", "2024-02-30", "01/02/2024", "igår", "2024021", "0000-01-01"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DomainError, match="^Slutdatum: "):
        parse_date(text, "Slutdatum")


@given(dates)
def test_format_parse_roundtrip(d: date) -> None:
    assert parse_date(format_date(d), "Datum") == d
    assert parse_date(format_date(d).replace("-", ""), "Datum") == d
