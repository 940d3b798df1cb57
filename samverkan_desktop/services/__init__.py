"""Application services: one per area, each taking the Database in its constructor."""

from __future__ import annotations

from dataclasses import dataclass

from ..db.database import Database
from .agreements import AgreementService
from .budget import BudgetService
from .deadlines import DeadlineService
from .meetings import MeetingService
from .people import PeopleService
from .portfolio import PortfolioService


@dataclass
class Services:
    db: Database
    agreements: AgreementService
    portfolio: PortfolioService
    meetings: MeetingService
    budget: BudgetService
    people: PeopleService
    deadlines: DeadlineService

    @classmethod
    def build(cls, db: Database) -> "Services":
        portfolio = PortfolioService(db)
        return cls(db=db, agreements=AgreementService(db), portfolio=portfolio,
                   meetings=MeetingService(db, portfolio), budget=BudgetService(db), people=PeopleService(db),
                   deadlines=DeadlineService(db))

    def is_empty(self) -> bool:
        from sqlalchemy import func, select

        from ..models import Agreement, Organisation

        with self.db.reading() as s:
            return not (s.scalar(select(func.count()).select_from(Agreement))
                        or s.scalar(select(func.count()).select_from(Organisation)))
