"""Money per agreement and year: fees planned/invoiced/paid, funds allocated to activities by
source, disbursed and remaining, co-financing and in-kind, hours against the quota."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, extract, func, select, true

from ..db.database import Database
from ..domain import fees, hours
from ..domain.catalog import FundingSource, InvoiceStatus
from ..models import Activity, Agreement, Allocation, BudgetLine, Disbursement, ExtraAssignment, FeeInvoice, HoursEntry
from .agreements import fee_terms_of, plan_horizon


@dataclass(frozen=True)
class YearSummary:
    agreement_id: int
    agreement: str
    year: int
    fees_planned_ore: int
    fees_invoiced_ore: int
    fees_paid_ore: int
    budget_by_source: dict[FundingSource, int]
    allocated_by_source: dict[FundingSource, int]
    disbursed_ore: int
    extra_work_ore: int
    included_minutes: int
    used_minutes: int
    quota: hours.QuotaStatus
    excess_price_ore: int

    @property
    def allocated_ore(self) -> int:
        return sum(self.allocated_by_source.values())

    @property
    def remaining_ore(self) -> int:
        """Allocated but not yet disbursed."""
        return self.allocated_ore - self.disbursed_ore

    @property
    def co_financing_ore(self) -> int:
        return self.budget_by_source.get(FundingSource.KOMMUN_KONTANT, 0) + self.budget_by_source.get(
            FundingSource.EXTERN, 0)

    @property
    def in_kind_ore(self) -> int:
        return self.budget_by_source.get(FundingSource.NATURAINSATS, 0)

    @property
    def budget_ore(self) -> int:
        return sum(self.budget_by_source.values())


@dataclass(frozen=True)
class YearPoint:
    year: int
    budget_ore: int
    outcome_ore: int


@dataclass(frozen=True)
class BudgetOverview:
    rows: list[YearSummary] = field(default_factory=list)

    def years(self) -> list[int]:
        return sorted({r.year for r in self.rows})

    def per_year(self) -> list[YearPoint]:
        """Budget (activity budgets + fees) against outcome (disbursed + fees paid), per year."""
        acc: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.rows:
            acc[r.year][0] += r.budget_ore + r.fees_planned_ore
            acc[r.year][1] += r.disbursed_ore + r.fees_paid_ore
        return [YearPoint(y, v[0], v[1]) for y, v in sorted(acc.items())]


@dataclass(frozen=True)
class YearTotals:
    """One year's money over all agreements: the totals of `BudgetService.overview(today,
    year=year).rows`, summed in the database."""
    year: int
    fees_planned_ore: int
    fees_invoiced_ore: int
    allocated_ore: int
    disbursed_ore: int


class BudgetService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def year_totals(self, year: int) -> YearTotals:
        """The overview's money figures for `year`, as four sums (no row per agreement)."""
        planned = InvoiceStatus.PLANERAD.name
        with self.db.reading() as s:
            fees_planned, fees_invoiced = s.execute(
                select(func.coalesce(func.sum(FeeInvoice.amount_ore), 0),
                       func.coalesce(func.sum(case((FeeInvoice.status != planned, FeeInvoice.amount_ore), else_=0)), 0))
                .join(Agreement, Agreement.id == FeeInvoice.agreement_id).where(FeeInvoice.year == year)).one()
            allocated = s.scalar(
                select(func.coalesce(func.sum(Allocation.amount_ore), 0))
                .join(Activity, Activity.id == Allocation.activity_id)
                .join(Agreement, Agreement.id == Activity.agreement_id).where(Allocation.year == year))
            disbursed = s.scalar(
                select(func.coalesce(func.sum(Disbursement.amount_ore), 0))
                .join(Activity, Activity.id == Disbursement.activity_id)
                .join(Agreement, Agreement.id == Activity.agreement_id)
                .where(Disbursement.paid_on.between(date(year, 1, 1), date(year, 12, 31))))
        return YearTotals(year, int(fees_planned), int(fees_invoiced), int(allocated or 0), int(disbursed or 0))

    def overview(self, today: date, agreement_id: int | None = None, year: int | None = None) -> BudgetOverview:
        """One row per agreement and year with any figure. The sums are grouped in SQL, and the
        years are collected per agreement while the sums are read (not by scanning every key for
        each agreement); with `year`, only that year is read."""
        with self.db.reading() as s:
            aq = select(Agreement).order_by(Agreement.start, Agreement.id)
            if agreement_id is not None:
                aq = aq.where(Agreement.id == agreement_id)
            agreements = s.scalars(aq).all()
            ids = [a.id for a in agreements]
            years: dict[int, set[int]] = defaultdict(set)  # agreement id -> years with any figure

            def in_year(col: Any) -> Any:
                """`col` (a date) falls in the wanted year (no condition without one)."""
                return true() if year is None else col.between(date(year, 1, 1), date(year, 12, 31))

            def of_year(col: Any) -> Any:
                """`col` (a year number) is the wanted year (no condition without one)."""
                return true() if year is None else col == year

            inv: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
            for aid, y, status, amt in s.execute(
                    select(FeeInvoice.agreement_id, FeeInvoice.year, FeeInvoice.status, func.sum(FeeInvoice.amount_ore))
                    .where(FeeInvoice.agreement_id.in_(ids), of_year(FeeInvoice.year))
                    .group_by(FeeInvoice.agreement_id, FeeInvoice.year, FeeInvoice.status)):
                cell = inv[(aid, y)]
                years[aid].add(y)
                cell[0] += int(amt)
                if status != InvoiceStatus.PLANERAD.name:
                    cell[1] += int(amt)
                if status == InvoiceStatus.BETALD.name:
                    cell[2] += int(amt)
            budget: dict[tuple[int, int], dict[FundingSource, int]] = defaultdict(lambda: defaultdict(int))
            for aid, y, src, amt in s.execute(
                    select(Activity.agreement_id, BudgetLine.year, BudgetLine.source, func.sum(BudgetLine.amount_ore))
                    .join(Activity, Activity.id == BudgetLine.activity_id)
                    .where(Activity.agreement_id.in_(ids), of_year(BudgetLine.year))
                    .group_by(Activity.agreement_id, BudgetLine.year, BudgetLine.source)):
                budget[(aid, y)][FundingSource[src]] += int(amt)
                years[aid].add(y)
            alloc: dict[tuple[int, int], dict[FundingSource, int]] = defaultdict(lambda: defaultdict(int))
            for aid, y, src, amt in s.execute(
                    select(Activity.agreement_id, Allocation.year, Allocation.source, func.sum(Allocation.amount_ore))
                    .join(Activity, Activity.id == Allocation.activity_id)
                    .where(Activity.agreement_id.in_(ids), of_year(Allocation.year))
                    .group_by(Activity.agreement_id, Allocation.year, Allocation.source)):
                alloc[(aid, y)][FundingSource[src]] += int(amt)
                years[aid].add(y)
            disb: dict[tuple[int, int], int] = defaultdict(int)
            for aid, y, amt in s.execute(
                    select(Activity.agreement_id, extract("year", Disbursement.paid_on), func.sum(Disbursement.amount_ore))
                    .join(Activity, Activity.id == Disbursement.activity_id)
                    .where(Activity.agreement_id.in_(ids), in_year(Disbursement.paid_on))
                    .group_by(Activity.agreement_id, extract("year", Disbursement.paid_on))):
                disb[(aid, int(y))] += int(amt)
                years[aid].add(int(y))
            used: dict[tuple[int, int], int] = defaultdict(int)
            for aid, y, mins in s.execute(
                    select(HoursEntry.agreement_id, extract("year", HoursEntry.worked_on), func.sum(HoursEntry.minutes))
                    .where(HoursEntry.agreement_id.in_(ids), in_year(HoursEntry.worked_on))
                    .group_by(HoursEntry.agreement_id, extract("year", HoursEntry.worked_on))):
                used[(aid, int(y))] += int(mins)
                years[aid].add(int(y))
            extra: dict[tuple[int, int], int] = defaultdict(int)
            for aid, y, amt in s.execute(
                    select(ExtraAssignment.agreement_id, extract("year", ExtraAssignment.ordered_on),
                           func.sum(ExtraAssignment.price_ore))
                    .where(ExtraAssignment.agreement_id.in_(ids), in_year(ExtraAssignment.ordered_on))
                    .group_by(ExtraAssignment.agreement_id, extract("year", ExtraAssignment.ordered_on))):
                extra[(aid, int(y))] += int(amt)
                years[aid].add(int(y))

            rows: list[YearSummary] = []
            no_fees = [0, 0, 0]
            for a in agreements:
                agreement_years = years.get(a.id)
                if not agreement_years:
                    continue
                plan = [] if a.annual_fee_ore == 0 else fees.invoice_plan(
                    a.start, a.end, fee_terms_of(a), horizon=plan_horizon(a.start, today))
                for y in sorted(agreement_years):
                    key = (a.id, y)
                    included = hours.included_minutes(plan, y, a.included_minutes_per_year) if plan else 0
                    used_min = used.get(key, 0)
                    quota = hours.quota_status(included, used_min)
                    f = inv.get(key, no_fees)
                    rows.append(YearSummary(
                        agreement_id=a.id, agreement=a.title, year=y, fees_planned_ore=f[0], fees_invoiced_ore=f[1],
                        fees_paid_ore=f[2], budget_by_source=dict(budget.get(key, {})),
                        allocated_by_source=dict(alloc.get(key, {})), disbursed_ore=disb.get(key, 0),
                        extra_work_ore=extra.get(key, 0), included_minutes=included, used_minutes=used_min,
                        quota=quota,
                        excess_price_ore=hours.excess_price_ore(quota, a.list_price_per_hour_ore, a.discount_bp)))
            return BudgetOverview(rows)
