"""Application services: one per area, each taking the Database in its constructor."""

from __future__ import annotations

from dataclasses import dataclass

from ..db.database import Database
from .agreements import AgreementService
from .budget import BudgetService
from .deadlines import DeadlineService
from .documents import DocumentService
from .meetings import MeetingService
from .overview import OverviewService
from .people import PeopleService
from .portfolio import PortfolioService
from .privacy import PrivacyService


@dataclass
class Services:
    db: Database
    agreements: AgreementService
    portfolio: PortfolioService
    meetings: MeetingService
    budget: BudgetService
    people: PeopleService
    deadlines: DeadlineService
    overview: OverviewService
    documents: DocumentService
    privacy: PrivacyService

    @classmethod
    def build(cls, db: Database) -> "Services":
        portfolio = PortfolioService(db)
        agreements, budget, deadlines = AgreementService(db), BudgetService(db), DeadlineService(db)
        return cls(db=db, agreements=agreements, portfolio=portfolio, meetings=MeetingService(db, portfolio),
                   budget=budget, people=PeopleService(db), deadlines=deadlines,
                   overview=OverviewService(agreements, portfolio, budget, deadlines),
                   documents=DocumentService(db), privacy=PrivacyService(db))

    def is_empty(self) -> bool:
        from sqlalchemy import func, select

        from ..models import Agreement, Organisation

        with self.db.reading() as s:
            return not (s.scalar(select(func.count()).select_from(Agreement))
                        or s.scalar(select(func.count()).select_from(Organisation)))
