"""Fee invoicing plan for priced agreements, and late-payment interest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from samverkan_desktop.domain.dates import add_months
from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.money import round_div

__all__ = [
    "ALLOWED_INVOICES_PER_YEAR",
    "FeeTerms",
    "PlannedInvoice",
    "fee_terms_problems",
    "invoice_plan",
    "late_interest_ore",
    "late_interest_rate_pp",
    "period_amount_ore",
    "plan_total",
    "yearly_totals",
]

ALLOWED_INVOICES_PER_YEAR = (1, 2, 4, 12)


@dataclass(frozen=True)
class FeeTerms:
    """Invoicing terms of a priced agreement (seed 000 §5–6)."""

    annual_fee_ore: int
    invoices_per_year: int = 4
    in_advance: bool = True
    payment_days: int = 30
    late_interest_margin_pp: int = 8


@dataclass(frozen=True)
class PlannedInvoice:
    """One calendar period's invoice."""

    year: int
    period_no: int
    period_start: date
    period_end: date
    invoice_date: date
    due_date: date
    amount_ore: int

    @property
    def months(self) -> int:
        """Length of the calendar period in months (1, 3, 6 or 12)."""
        return (
            (self.period_end.year - self.period_start.year) * 12
            + self.period_end.month
            - self.period_start.month
            + 1
        )

    @property
    def label(self) -> str:
        """Short Swedish label, e.g. "2022 kv 2", "2022-04", "2022 halvår 1"."""
        return {
            12: f"{self.year}",
            6: f"{self.year} halvår {self.period_no}",
            3: f"{self.year} kv {self.period_no}",
        }.get(self.months, f"{self.year}-{self.period_start.month:02d}")


def fee_terms_problems(terms: FeeTerms) -> list[DomainError]:
    """All rule violations in ``terms`` (empty when valid)."""
    problems: list[DomainError] = []
    if terms.annual_fee_ore < 0:
        problems.append(DomainError("Årsavgift", "Årsavgift får inte vara negativ"))
    if terms.invoices_per_year not in ALLOWED_INVOICES_PER_YEAR:
        problems.append(
            DomainError(
                "Fakturor per år",
                f"Fakturor per år måste vara 1, 2, 4 eller 12, inte {terms.invoices_per_year}",
            )
        )
    if terms.payment_days < 0:
        problems.append(
            DomainError("Betalningsvillkor", "Betalningsvillkor får inte vara negativt")
        )
    return problems


def period_amount_ore(annual_fee_ore: int, invoices_per_year: int, period_no: int) -> int:
    """Fee of one period; remainder öre go to the year's first periods."""
    base, rest = divmod(annual_fee_ore, invoices_per_year)
    return base + (1 if period_no <= rest else 0)


def invoice_plan(
    start: date,
    end: date | None,
    terms: FeeTerms,
    *,
    horizon: date | None = None,
) -> list[PlannedInvoice]:
    """Invoices for every calendar period the agreement touches, charged in full.

    In advance the invoice is dated the period's first day (the start date for the
    first period); in arrears the period's last day (or the agreement end if earlier).
    ``horizon`` (inclusive) is required for an open end and caps the plan otherwise.
    """
    problems = fee_terms_problems(terms)
    if problems:
        raise problems[0]
    if end is not None and end < start:
        raise DomainError("Slutdatum", "Slutdatum ligger före startdatum")
    if end is None and horizon is None:
        raise DomainError(
            "Slutdatum", "Slutdatum saknas; ange en planeringshorisont för avtal utan slutdatum"
        )
    last = min(d for d in (end, horizon) if d is not None)

    n = terms.invoices_per_year
    months = 12 // n
    period_no = (start.month - 1) // months + 1
    period_start = date(start.year, (period_no - 1) * months + 1, 1)
    plan: list[PlannedInvoice] = []
    while period_start <= last:
        period_end = add_months(period_start, months) - timedelta(days=1)
        if terms.in_advance:
            invoice_date = max(period_start, start)
        else:
            invoice_date = period_end if end is None else min(period_end, end)
        plan.append(
            PlannedInvoice(
                year=period_start.year,
                period_no=period_no,
                period_start=period_start,
                period_end=period_end,
                invoice_date=invoice_date,
                due_date=invoice_date + timedelta(days=terms.payment_days),
                amount_ore=period_amount_ore(terms.annual_fee_ore, n, period_no),
            )
        )
        period_start = period_end + timedelta(days=1)
        period_no = period_no % n + 1
    return plan


def yearly_totals(plan: Iterable[PlannedInvoice]) -> dict[int, int]:
    """Sum per calendar year of the charged period, in year order."""
    totals: dict[int, int] = {}
    for inv in plan:
        totals[inv.year] = totals.get(inv.year, 0) + inv.amount_ore
    return dict(sorted(totals.items()))


def plan_total(plan: Iterable[PlannedInvoice]) -> int:
    """Sum of all planned invoices in öre."""
    return sum(inv.amount_ore for inv in plan)


def late_interest_rate_pp(reference_rate_bp: int, margin_pp: int) -> int:
    """Late-interest rate in basis points: reference rate + margin (percentage points)."""
    return reference_rate_bp + margin_pp * 100


def late_interest_ore(amount_ore: int, days_late: int, annual_rate_bp: int) -> int:
    """Simple interest, actual/365, rounded half up to whole öre; 0 when not late."""
    if days_late <= 0:
        return 0
    return round_div(amount_ore * annual_rate_bp * days_late, 10_000 * 365)
