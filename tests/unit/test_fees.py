from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.fees import (
    FeeTerms,
    PlannedInvoice,
    invoice_plan,
    late_interest_ore,
    late_interest_rate_pp,
    plan_total,
    yearly_totals,
)
from samverkan_desktop.domain.money import kronor

LOFT = FeeTerms(annual_fee_ore=kronor(300_000))


def test_loft_worked_example_start_in_april() -> None:
    plan = invoice_plan(date(2022, 4, 1), date(2024, 12, 31), LOFT)
    assert yearly_totals(plan) == {
        2022: kronor(225_000),
        2023: kronor(300_000),
        2024: kronor(300_000),
    }
    assert len(plan) == 11
    assert plan_total(plan) == kronor(825_000)
    assert plan[0].invoice_date == date(2022, 4, 1)
    assert plan[0].due_date == date(2022, 5, 1)
    assert all(inv.amount_ore == kronor(75_000) for inv in plan)
    assert [inv.invoice_date for inv in plan[:4]] == [
        date(2022, 4, 1),
        date(2022, 7, 1),
        date(2022, 10, 1),
        date(2023, 1, 1),
    ]
    assert plan[-1].period_end == date(2024, 12, 31)
    assert plan[0].label == "2022 kv 2"


def test_loft_worked_example_start_on_new_year() -> None:
    plan = invoice_plan(date(2022, 1, 1), date(2024, 12, 31), LOFT)
    assert len(plan) == 12
    assert plan_total(plan) == kronor(900_000)


def test_start_mid_quarter_charges_the_whole_quarter_from_start_date() -> None:
    plan = invoice_plan(date(2022, 5, 15), date(2024, 12, 31), LOFT)
    first = plan[0]
    assert first.invoice_date == date(2022, 5, 15)
    assert first.amount_ore == kronor(75_000)
    assert (first.period_start, first.period_end) == (date(2022, 4, 1), date(2022, 6, 30))
    assert first.due_date == date(2022, 6, 14)
    assert plan[1].invoice_date == date(2022, 7, 1)


def test_end_mid_quarter_charges_that_quarter_in_full() -> None:
    plan = invoice_plan(date(2023, 1, 1), date(2023, 8, 15), LOFT)
    assert len(plan) == 3
    assert plan_total(plan) == kronor(225_000)


def test_in_arrears_is_dated_at_period_end_or_agreement_end() -> None:
    terms = FeeTerms(kronor(300_000), in_advance=False)
    plan = invoice_plan(date(2022, 5, 15), date(2023, 2, 10), terms)
    assert [inv.invoice_date for inv in plan] == [
        date(2022, 6, 30),
        date(2022, 9, 30),
        date(2022, 12, 31),
        date(2023, 2, 10),
    ]
    assert plan[-1].due_date == date(2023, 3, 12)


def test_monthly_and_yearly_invoicing() -> None:
    monthly = invoice_plan(date(2024, 3, 10), date(2024, 12, 31), FeeTerms(kronor(120_000), 12))
    assert len(monthly) == 10
    assert monthly[0].label == "2024-03"
    yearly = invoice_plan(date(2024, 3, 10), date(2025, 12, 31), FeeTerms(kronor(120_000), 1))
    assert [inv.amount_ore for inv in yearly] == [kronor(120_000)] * 2
    assert yearly[0].label == "2024"
    half = invoice_plan(date(2024, 8, 1), date(2024, 12, 31), FeeTerms(kronor(120_000), 2))
    assert [(i.period_no, i.label) for i in half] == [(2, "2024 halvår 2")]


def test_remainder_ore_go_to_first_periods_of_year() -> None:
    plan = invoice_plan(date(2024, 1, 1), date(2024, 12, 31), FeeTerms(10, 4))
    assert [inv.amount_ore for inv in plan] == [3, 3, 2, 2]


def test_open_end_needs_horizon_and_plans_until_it() -> None:
    with pytest.raises(DomainError) as info:
        invoice_plan(date(2024, 1, 1), None, LOFT)
    assert info.value.field == "Slutdatum"
    plan = invoice_plan(date(2024, 1, 1), None, LOFT, horizon=date(2025, 4, 1))
    assert len(plan) == 6
    assert plan[-1].period_start == date(2025, 4, 1)


def test_horizon_caps_closed_plan_and_may_give_empty_plan() -> None:
    plan = invoice_plan(date(2022, 4, 1), date(2024, 12, 31), LOFT, horizon=date(2022, 12, 31))
    assert len(plan) == 3
    assert invoice_plan(date(2022, 4, 1), None, LOFT, horizon=date(2022, 3, 1)) == []


def test_invalid_input_raises_swedish_errors() -> None:
    with pytest.raises(DomainError) as info:
        invoice_plan(date(2024, 1, 1), date(2023, 12, 31), LOFT)
    assert info.value.field == "Slutdatum"
    assert "före startdatum" in str(info.value)
    with pytest.raises(DomainError) as info:
        invoice_plan(date(2024, 1, 1), date(2024, 12, 31), FeeTerms(-1))
    assert info.value.field == "Årsavgift"
    with pytest.raises(DomainError) as info:
        invoice_plan(date(2024, 1, 1), date(2024, 12, 31), FeeTerms(100, 3))
    assert info.value.field == "Fakturor per år"


def test_single_day_agreement_gets_one_invoice() -> None:
    plan = invoice_plan(date(2024, 2, 29), date(2024, 2, 29), LOFT)
    assert len(plan) == 1 and plan[0].period_no == 1


def test_late_interest() -> None:
    # Reference rate 4.00 % + 8 percentage points = 12.00 % = 1200 bp.
    rate = late_interest_rate_pp(400, LOFT.late_interest_margin_pp)
    assert rate == 1200
    # 75 000 kr for 30 days at 12 %: 7 500 000 * 0.12 * 30 / 365 = 73 972.6 öre.
    assert late_interest_ore(kronor(75_000), 30, rate) == 73_973
    assert late_interest_ore(kronor(75_000), 0, rate) == 0
    assert late_interest_ore(kronor(75_000), -5, rate) == 0
    assert late_interest_ore(kronor(75_000), 365, rate) == kronor(9_000)
    assert late_interest_rate_pp(-50, 8) == 750


fees = st.integers(0, 10**12)
counts = st.sampled_from([1, 2, 4, 12])
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(fees, counts, starts, st.integers(0, 2000), st.booleans())
def test_plan_properties(
    fee: int, per_year: int, start: date, length: int, in_advance: bool
) -> None:
    end = start + timedelta(days=length)
    terms = FeeTerms(fee, per_year, in_advance=in_advance)
    plan = invoice_plan(start, end, terms)
    assert sum(inv.amount_ore for inv in plan) == plan_total(plan) == sum(
        yearly_totals(plan).values()
    )
    for year in range(start.year + 1, end.year):
        assert yearly_totals(plan)[year] == fee
    _assert_well_formed(plan, start, end, terms)


def _assert_well_formed(
    plan: list[PlannedInvoice], start: date, end: date, terms: FeeTerms
) -> None:
    assert plan[0].period_start <= start <= plan[0].period_end
    assert plan[-1].period_start <= end <= plan[-1].period_end
    for prev, nxt in zip(plan, plan[1:], strict=False):
        assert nxt.period_start == prev.period_end + timedelta(days=1)
    for inv in plan:
        assert start <= inv.invoice_date <= end
        assert inv.period_start <= inv.invoice_date <= inv.period_end
        assert inv.due_date == inv.invoice_date + timedelta(days=terms.payment_days)
        assert inv.months == 12 // terms.invoices_per_year
        assert inv.year == inv.period_start.year


@given(fees, counts, st.integers(2000, 2100))
def test_full_calendar_year_sums_exactly_to_annual_fee(fee: int, per_year: int, year: int) -> None:
    plan = invoice_plan(date(year, 1, 1), date(year, 12, 31), FeeTerms(fee, per_year))
    assert len(plan) == per_year
    assert plan_total(plan) == fee
    assert max(i.amount_ore for i in plan) - min(i.amount_ore for i in plan) <= 1
