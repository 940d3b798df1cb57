from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.fees import FeeTerms, invoice_plan
from samverkan_desktop.domain.hours import (
    INCLUDED_MINUTES_PER_QUARTER,
    excess_price_ore,
    extra_work_price_ore,
    format_hours,
    included_minutes,
    parse_hours,
    quota_status,
)
from samverkan_desktop.domain.money import kronor


def test_included_minutes_follow_charged_quarters() -> None:
    assert INCLUDED_MINUTES_PER_QUARTER == 20 * 60
    plan = invoice_plan(date(2022, 4, 1), date(2024, 12, 31), FeeTerms(kronor(300_000)))
    assert included_minutes(plan, 2022) == 60 * 60
    assert included_minutes(plan, 2023) == 80 * 60
    assert included_minutes(plan, 2025) == 0
    assert included_minutes(plan) == 11 * 20 * 60


def test_included_minutes_monthly_and_uneven() -> None:
    plan = invoice_plan(date(2024, 1, 1), date(2024, 12, 31), FeeTerms(1, 12))
    assert included_minutes(plan) == 80 * 60
    assert included_minutes(plan, minutes_per_year=100) == 100
    assert included_minutes(plan[:1], minutes_per_year=100) == 9


def test_quota_status() -> None:
    assert quota_status(4800, 3000) == quota_status(4800, 3000)
    s = quota_status(4800, 3000)
    assert (s.included_min, s.used_min, s.remaining_min, s.excess_min) == (4800, 3000, 1800, 0)
    s = quota_status(4800, 5400)
    assert (s.remaining_min, s.excess_min) == (0, 600)
    with pytest.raises(DomainError, match="negativa"):
        quota_status(4800, -1)


def test_extra_work_worked_example() -> None:
    # 10 h at 1 200 kr/h with 15 % partner discount -> 10 200 kr.
    assert extra_work_price_ore(600, kronor(1_200)) == kronor(10_200)
    assert extra_work_price_ore(600, kronor(1_200), discount_bp=0) == kronor(12_000)
    assert excess_price_ore(quota_status(4800, 5400), kronor(1_200)) == kronor(10_200)
    assert excess_price_ore(quota_status(4800, 100), kronor(1_200)) == 0


def test_extra_work_rounds_half_up_to_ore() -> None:
    # 1 min at 1 öre/h without discount = 1/60 öre -> 0; 30 min -> 0.5 -> 1.
    assert extra_work_price_ore(1, 1, 0) == 0
    assert extra_work_price_ore(30, 1, 0) == 1
    with pytest.raises(DomainError, match="Rabatt"):
        extra_work_price_ore(60, 100, 10_001)


@given(st.integers(0, 10**6), st.integers(0, 10**8), st.integers(0, 10_000))
def test_extra_work_price_is_exact(minutes: int, price: int, discount: int) -> None:
    exact_times_den = minutes * price * (10_000 - discount)
    got = extra_work_price_ore(minutes, price, discount)
    assert abs(got * 600_000 - exact_times_den) * 2 <= 600_000


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1,5", 90),
        ("1.5", 90),
        ("2", 120),
        ("2 h", 120),
        ("2h", 120),
        ("2 timmar", 120),
        ("1:30", 90),
        ("0:05", 5),
        ("90 min", 90),
        ("90min", 90),
        ("1 h 20 min", 80),
        ("1,33 h", 80),
        ("1 200 h", 72_000),
        ("0,25", 15),
        ("1,5 min", 2),
    ],
)
def test_parse_hours(text: str, minutes: int) -> None:
    assert parse_hours(text) == minutes


@pytest.mark.parametrize("text", ["", "x", "1:75", "-2", "1,5 dagar", "h"])
def test_parse_hours_rejects(text: str) -> None:
    with pytest.raises(DomainError, match="^Nedlagd tid: "):
        parse_hours(text, "Nedlagd tid")


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (90, "1,5 h"),
        (4800, "80 h"),
        (80, "1,33 h"),
        (0, "0 h"),
        (15, "0,25 h"),
        (72_000, "1 200 h"),
    ],
)
def test_format_hours(minutes: int, text: str) -> None:
    assert format_hours(minutes) == text


def test_format_negative_hours() -> None:
    assert format_hours(-90) == "-1,5 h"


@given(st.integers(0, 10**7))
def test_hours_roundtrip(minutes: int) -> None:
    assert parse_hours(format_hours(minutes)) == minutes
