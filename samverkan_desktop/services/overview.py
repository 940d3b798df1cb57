"""Key figures for the overview: active agreements, activities per stage, this year's money."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from ..domain.catalog import LIVE_AGREEMENT_STATUSES
from ..domain.radar import Deadline
from ..domain.stages import Stage
from ..models import Activity, Agreement
from .agreements import AgreementService
from .budget import BudgetService
from .deadlines import DeadlineService
from .portfolio import PortfolioService


@dataclass(frozen=True)
class KeyFigures:
    year: int
    agreements_total: int
    agreements_active: int
    activities_total: int
    activities_per_stage: dict[Stage, int]
    fees_year_ore: int
    fees_invoiced_year_ore: int
    allocated_year_ore: int
    disbursed_year_ore: int

    @property
    def remaining_year_ore(self) -> int:
        return self.allocated_year_ore - self.disbursed_year_ore


@dataclass(frozen=True)
class Overview:
    figures: KeyFigures
    deadlines: list[Deadline]
    empty: bool


class OverviewService:
    def __init__(self, agreements: AgreementService, portfolio: PortfolioService, budget: BudgetService,
                 deadlines: DeadlineService) -> None:
        self.agreements = agreements
        self.portfolio = portfolio
        self.budget = budget
        self.deadlines = deadlines

    def load(self, today: date, days: int) -> Overview:
        """What the Översikt tab shows: counts and sums computed in the database (the time does
        not grow with the portfolio), and the deadline radar (which grows with what it lists)."""
        with self.agreements.db.reading() as s:
            agreements_total = s.scalar(select(func.count()).select_from(Agreement)) or 0
            agreements_active = s.scalar(select(func.count()).select_from(Agreement).where(
                Agreement.status.in_([st.name for st in LIVE_AGREEMENT_STATUSES]),
                or_(Agreement.end.is_(None), Agreement.end >= today))) or 0
            per_stage = {Stage[stage]: int(n) for stage, n in s.execute(
                select(Activity.stage, func.count()).group_by(Activity.stage).order_by(Activity.stage))}
        money = self.budget.year_totals(today.year)
        activities_total = sum(per_stage.values())
        figures = KeyFigures(
            year=today.year,
            agreements_total=agreements_total,
            agreements_active=agreements_active,
            activities_total=activities_total,
            activities_per_stage=per_stage,
            fees_year_ore=money.fees_planned_ore,
            fees_invoiced_year_ore=money.fees_invoiced_ore,
            allocated_year_ore=money.allocated_ore,
            disbursed_year_ore=money.disbursed_ore,
        )
        return Overview(figures, self.deadlines.radar(today, days),
                        empty=not agreements_total and not activities_total)
