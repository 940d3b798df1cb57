"""Collaboration activities (pre-studies, projects, programs, profile areas) and their reports."""

from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint
from sqlmodel import Field

from .base import Versioned


class Activity(Versioned, table=True):
    __tablename__ = "activity"
    __table_args__ = (Index("ix_activity_agreement_stage", "agreement_id", "stage"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    #: ActivityKind name: FORSTUDIE, PROJEKT, PROGRAM, PROFILOMRADE, TILLAGGSUPPDRAG
    kind: str = Field(max_length=20)
    parent_id: Optional[int] = Field(default=None, foreign_key="activity.id", index=True)
    agreement_id: Optional[int] = Field(default=None, foreign_key="agreement.id", index=True)
    title: str = Field(max_length=300)
    research_question: str = Field(default="", sa_type=Text)
    #: Stage name (domain.stages.Stage)
    stage: str = Field(max_length=20, index=True)
    start: Optional[date] = Field(default=None)
    end: Optional[date] = Field(default=None)
    case_number: str = Field(default="", max_length=60)
    responsible_researcher_id: Optional[int] = Field(default=None, foreign_key="person.id", index=True)
    university_id: Optional[int] = Field(default=None, foreign_key="organisation.id")
    responsible_official_id: Optional[int] = Field(default=None, foreign_key="person.id", index=True)
    #: Förvaltning or municipal company (free text; the organisation when it is a company)
    administration: str = Field(default="", max_length=200, index=True)
    company_id: Optional[int] = Field(default=None, foreign_key="organisation.id")
    forankring_confirmed: bool = Field(default=False)
    external_funder_id: Optional[int] = Field(default=None, foreign_key="organisation.id")
    effect_goals: str = Field(default="", sa_type=Text)
    kpis: str = Field(default="", sa_type=Text)
    activity_goals: str = Field(default="", sa_type=Text)
    deliverables: str = Field(default="", sa_type=Text)
    # Signatures of the beslutsunderlag (two copies) and the money gate
    rektor_signed_on: Optional[date] = Field(default=None)
    municipality_signed_on: Optional[date] = Field(default=None)
    funds_transferred_on: Optional[date] = Field(default=None)
    # Closure requirements
    popular_presentation_on: Optional[date] = Field(default=None)
    notes: str = Field(default="", sa_type=Text)


class BudgetLine(Versioned, table=True):
    """Detailed budget: one amount per year × cost kind × source."""

    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("activity_id", "year", "cost_kind", "source"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    year: int
    #: CostKind name: LON, OVERHEAD, RESOR, MATERIAL, OVRIGT
    cost_kind: str = Field(max_length=20)
    #: FundingSource name: AVTALSMEDEL, EXTERN, KOMMUN_KONTANT, NATURAINSATS, LAROSATE
    source: str = Field(max_length=20)
    amount_ore: int = Field(default=0, sa_type=BigInteger, nullable=False)


class Allocation(Versioned, table=True):
    """Decided funding to an activity for a year from a source."""

    __tablename__ = "allocation"

    id: Optional[int] = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    year: int
    source: str = Field(max_length=20)
    amount_ore: int = Field(sa_type=BigInteger, nullable=False)
    decided_on: Optional[date] = Field(default=None)
    decision_id: Optional[int] = Field(default=None, foreign_key="decision.id")


class Disbursement(Versioned, table=True):
    """Funds transferred (medel överförda) to an activity."""

    __tablename__ = "disbursement"

    id: Optional[int] = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    paid_on: date
    source: str = Field(max_length=20)
    amount_ore: int = Field(sa_type=BigInteger, nullable=False)
    note: str = Field(default="", max_length=500)


class FollowUpReport(Versioned, table=True):
    __tablename__ = "follow_up_report"
    __table_args__ = (UniqueConstraint("activity_id", "kind", "sequence"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    #: ReportKind name: HALVTID, ARLIG, HALVAR, SLUT
    kind: str = Field(max_length=20)
    sequence: int = Field(default=1)
    due: date = Field(index=True)
    received_on: Optional[date] = Field(default=None)
    presented_meeting_id: Optional[int] = Field(default=None, foreign_key="meeting.id")
    approved: Optional[bool] = Field(default=None)
