"""Money per agreement and year: fees planned/invoiced/paid, funds allocated to activities by
source, disbursed and remaining, co-financing and in-kind, hours against the quota."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import extract, func, select

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


class BudgetService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def overview(self, today: date, agreement_id: int | None = None, year: int | None = None) -> BudgetOverview:
        with self.db.reading() as s:
            aq = select(Agreement).order_by(Agreement.start, Agreement.id)
            if agreement_id is not None:
                aq = aq.where(Agreement.id == agreement_id)
            agreements = s.scalars(aq).all()
            ids = [a.id for a in agreements]
            inv: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
            for i in s.scalars(select(FeeInvoice).where(FeeInvoice.agreement_id.in_(ids))):
                cell = inv[(i.agreement_id, i.year)]
                cell[0] += i.amount_ore
                if i.status != InvoiceStatus.PLANERAD.name:
                    cell[1] += i.amount_ore
                if i.status == InvoiceStatus.BETALD.name:
                    cell[2] += i.amount_ore
            budget: dict[tuple[int, int], dict[FundingSource, int]] = defaultdict(lambda: defaultdict(int))
            for aid, y, src, amt in s.execute(
                    select(Activity.agreement_id, BudgetLine.year, BudgetLine.source, func.sum(BudgetLine.amount_ore))
                    .join(Activity, Activity.id == BudgetLine.activity_id).where(Activity.agreement_id.in_(ids))
                    .group_by(Activity.agreement_id, BudgetLine.year, BudgetLine.source)):
                budget[(aid, y)][FundingSource[src]] += int(amt)
            alloc: dict[tuple[int, int], dict[FundingSource, int]] = defaultdict(lambda: defaultdict(int))
            for aid, y, src, amt in s.execute(
                    select(Activity.agreement_id, Allocation.year, Allocation.source, func.sum(Allocation.amount_ore))
                    .join(Activity, Activity.id == Allocation.activity_id).where(Activity.agreement_id.in_(ids))
                    .group_by(Activity.agreement_id, Allocation.year, Allocation.source)):
                alloc[(aid, y)][FundingSource[src]] += int(amt)
            disb: dict[tuple[int, int], int] = defaultdict(int)
            for aid, y, amt in s.execute(
                    select(Activity.agreement_id, extract("year", Disbursement.paid_on), func.sum(Disbursement.amount_ore))
                    .join(Activity, Activity.id == Disbursement.activity_id).where(Activity.agreement_id.in_(ids))
                    .group_by(Activity.agreement_id, extract("year", Disbursement.paid_on))):
                disb[(aid, int(y))] += int(amt)
            used: dict[tuple[int, int], int] = defaultdict(int)
            for aid, y, mins in s.execute(
                    select(HoursEntry.agreement_id, extract("year", HoursEntry.worked_on), func.sum(HoursEntry.minutes))
                    .where(HoursEntry.agreement_id.in_(ids))
                    .group_by(HoursEntry.agreement_id, extract("year", HoursEntry.worked_on))):
                used[(aid, int(y))] += int(mins)
            extra: dict[tuple[int, int], int] = defaultdict(int)
            for aid, y, amt in s.execute(
                    select(ExtraAssignment.agreement_id, extract("year", ExtraAssignment.ordered_on),
                           func.sum(ExtraAssignment.price_ore)).where(ExtraAssignment.agreement_id.in_(ids))
                    .group_by(ExtraAssignment.agreement_id, extract("year", ExtraAssignment.ordered_on))):
                extra[(aid, int(y))] += int(amt)

            rows: list[YearSummary] = []
            for a in agreements:
                plan = [] if a.annual_fee_ore == 0 else fees.invoice_plan(
                    a.start, a.end, fee_terms_of(a), horizon=plan_horizon(a.start, today))
                keys = {k[1] for d in (inv, budget, alloc, disb, used, extra) for k in d if k[0] == a.id}
                for y in sorted(keys):
                    if year is not None and y != year:
                        continue
                    included = hours.included_minutes(plan, y, a.included_minutes_per_year) if plan else 0
                    quota = hours.quota_status(included, used[(a.id, y)])
                    f = inv[(a.id, y)]
                    rows.append(YearSummary(
                        agreement_id=a.id, agreement=a.title, year=y, fees_planned_ore=f[0], fees_invoiced_ore=f[1],
                        fees_paid_ore=f[2], budget_by_source=dict(budget[(a.id, y)]),
                        allocated_by_source=dict(alloc[(a.id, y)]), disbursed_ore=disb[(a.id, y)],
                        extra_work_ore=extra[(a.id, y)], included_minutes=included, used_minutes=used[(a.id, y)],
                        quota=quota,
                        excess_price_ore=hours.excess_price_ore(quota, a.list_price_per_hour_ore, a.discount_bp)))
            return BudgetOverview(rows)
