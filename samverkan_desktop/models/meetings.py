"""Governance meetings, attendees, agenda items, and the decisions they produce."""

from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from .base import Versioned


class Meeting(Versioned, table=True):
    __tablename__ = "meeting"

    id: Optional[int] = Field(default=None, primary_key=True)
    #: Body name (domain.cadence.Body)
    body: str = Field(max_length=40, index=True)
    agreement_id: Optional[int] = Field(default=None, foreign_key="agreement.id", index=True)
    title: str = Field(default="", max_length=300)
    held_on: date = Field(index=True)
    start_time: str = Field(default="", max_length=5)  # "HH:MM"
    end_time: str = Field(default="", max_length=5)
    place: str = Field(default="", max_length=300)
    #: MeetingStatus name: PLANERAT, KALLAT, GENOMFORT, JUSTERAT
    status: str = Field(default="PLANERAT", max_length=20)
    chair: str = Field(default="", max_length=200)
    secretary: str = Field(default="", max_length=200)
    adjusters: str = Field(default="", max_length=300)  # justerare


class Attendee(Versioned, table=True):
    __tablename__ = "attendee"

    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    person_id: Optional[int] = Field(default=None, foreign_key="person.id", index=True)
    name: str = Field(default="", max_length=200)
    role: str = Field(default="", max_length=100)
    present: Optional[bool] = Field(default=None)


class AgendaItem(Versioned, table=True):
    """Ärende on a meeting's agenda: § number, a case, and (once held) the decision."""

    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("meeting_id", "paragraph"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    paragraph: int
    title: str = Field(max_length=300)
    #: AgendaKind name: BESLUT, INFORMATION, RAPPORT, AVSLUTNING, OVRIGT
    kind: str = Field(default="OVRIGT", max_length=20)
    activity_id: Optional[int] = Field(default=None, foreign_key="activity.id", index=True)
    agreement_id: Optional[int] = Field(default=None, foreign_key="agreement.id", index=True)
    report_id: Optional[int] = Field(default=None, foreign_key="follow_up_report.id")
    case_number: str = Field(default="", max_length=60)
    proposal: str = Field(default="", sa_type=Text)
    motions: str = Field(default="", sa_type=Text)
    decision_procedure: str = Field(default="", sa_type=Text)
    decision_text: str = Field(default="", sa_type=Text)
    #: Outcome name (domain.stages.Outcome) once decided
    outcome: Optional[str] = Field(default=None, max_length=20)
    reservations: str = Field(default="", sa_type=Text)
    sent_to: str = Field(default="", sa_type=Text)
    documents: str = Field(default="", sa_type=Text)


class Decision(Versioned, table=True):
    """Decision history for an agreement or an activity (also decisions taken outside our meetings)."""

    __tablename__ = "decision"

    id: Optional[int] = Field(default=None, primary_key=True)
    agreement_id: Optional[int] = Field(default=None, foreign_key="agreement.id", index=True)
    activity_id: Optional[int] = Field(default=None, foreign_key="activity.id", index=True)
    agenda_item_id: Optional[int] = Field(default=None, foreign_key="agenda_item.id")
    body: str = Field(max_length=100)
    decided_on: date = Field(index=True)
    paragraph: str = Field(default="", max_length=20)
    case_number: str = Field(default="", max_length=60)
    outcome: str = Field(max_length=300)
    reservations: str = Field(default="", sa_type=Text)
