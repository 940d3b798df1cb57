"""Key figures for the overview: active agreements, activities per stage, this year's money."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..domain.catalog import AgreementStatus, LIVE_AGREEMENT_STATUSES
from ..domain.radar import Deadline
from ..domain.stages import Stage
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


def _is_running(status: AgreementStatus, end: date | None, today: date) -> bool:
    """Binding today: decided/signed/active, or given notice but not yet ended."""
    return status in LIVE_AGREEMENT_STATUSES and (end is None or end >= today)


class OverviewService:
    def __init__(self, agreements: AgreementService, portfolio: PortfolioService, budget: BudgetService,
                 deadlines: DeadlineService) -> None:
        self.agreements = agreements
        self.portfolio = portfolio
        self.budget = budget
        self.deadlines = deadlines

    def load(self, today: date, days: int) -> Overview:
        agreements = self.agreements.list_rows(today)
        activities = self.portfolio.list_rows(today)
        rows = self.budget.overview(today, year=today.year).rows
        figures = KeyFigures(
            year=today.year,
            agreements_total=len(agreements),
            agreements_active=sum(1 for a in agreements if _is_running(a.status, a.end, today)),
            activities_total=len(activities),
            activities_per_stage=dict(Counter(a.stage for a in activities)),
            fees_year_ore=sum(r.fees_planned_ore for r in rows),
            fees_invoiced_year_ore=sum(r.fees_invoiced_ore for r in rows),
            allocated_year_ore=sum(r.allocated_ore for r in rows),
            disbursed_year_ore=sum(r.disbursed_ore for r in rows),
        )
        return Overview(figures, self.deadlines.radar(today, days), empty=not agreements and not activities)
