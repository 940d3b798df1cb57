"""Agreements, their parties, bodies, roles, fee invoices, hours and extra assignments."""

from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import BigInteger, Text, UniqueConstraint
from sqlmodel import Field

from .base import Versioned


class Agreement(Versioned, table=True):
    __tablename__ = "agreement"

    id: Optional[int] = Field(default=None, primary_key=True)
    #: AgreementKind name
    kind: str = Field(max_length=40)
    title: str = Field(max_length=300, index=True)
    case_number: str = Field(default="", max_length=60, index=True)
    #: AgreementStatus name
    status: str = Field(max_length=20, index=True)
    our_organisation_id: int = Field(foreign_key="organisation.id", index=True)
    start: date
    end: Optional[date] = Field(default=None)
    # Fee terms
    annual_fee_ore: int = Field(default=0, sa_type=BigInteger, nullable=False)
    invoices_per_year: int = Field(default=4)
    in_advance: bool = Field(default=True)
    payment_days: int = Field(default=30)
    late_interest_margin_pp: int = Field(default=8)
    # Included hours and extra work
    included_minutes_per_year: int = Field(default=0)
    list_price_per_hour_ore: int = Field(default=0, sa_type=BigInteger, nullable=False)
    discount_bp: int = Field(default=0)
    # Notice, termination, extension
    fixed_term: bool = Field(default=False)
    notice_months: int = Field(default=0)
    #: "MM-DD" points separated by commas, e.g. "02-01" or "12-31"
    termination_points: str = Field(default="", max_length=100)
    extension_lead_months: Optional[int] = Field(default=3)
    notice_given_on: Optional[date] = Field(default=None)
    breach_request_on: Optional[date] = Field(default=None)
    breach_aware_on: Optional[date] = Field(default=None)
    # Free-text lists, one item per line
    themes: str = Field(default="", sa_type=Text)
    obligations_ours: str = Field(default="", sa_type=Text)
    obligations_partner: str = Field(default="", sa_type=Text)
    invoicing_note: str = Field(default="", sa_type=Text)
    notes: str = Field(default="", sa_type=Text)


class AgreementParty(Versioned, table=True):
    """A partner organisation of an agreement (there may be several)."""

    __tablename__ = "agreement_party"
    __table_args__ = (UniqueConstraint("agreement_id", "organisation_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    role: str = Field(default="partner", max_length=60)


class GovernanceBody(Versioned, table=True):
    __tablename__ = "governance_body"

    id: Optional[int] = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    #: Body name (domain.cadence.Body)
    body: str = Field(max_length=40)
    meetings_per_year: int = Field(default=0)
    description: str = Field(default="", sa_type=Text)


class AgreementRole(Versioned, table=True):
    """A person in a role on an agreement (processledare, kontaktperson, ersättare, firmatecknare ...)."""

    __tablename__ = "agreement_role"

    id: Optional[int] = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=100)
    side: str = Field(default="", max_length=20)  # "kommun" | "partner"


class FeeInvoice(Versioned, table=True):
    __tablename__ = "fee_invoice"
    __table_args__ = (UniqueConstraint("agreement_id", "year", "period_no"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    year: int
    period_no: int
    period_start: date
    period_end: date
    invoice_date: date = Field(index=True)
    due_date: date = Field(index=True)
    amount_ore: int = Field(sa_type=BigInteger, nullable=False)
    #: InvoiceStatus name: PLANERAD, FAKTURERAD, BETALD
    status: str = Field(default="PLANERAD", max_length=20)
    invoiced_on: Optional[date] = Field(default=None)
    paid_on: Optional[date] = Field(default=None)
    invoice_number: str = Field(default="", max_length=60)


class HoursEntry(Versioned, table=True):
    """Hours of included strategic R&D used against the agreement's quota."""

    __tablename__ = "hours_entry"

    id: Optional[int] = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    worked_on: date
    minutes: int
    description: str = Field(default="", max_length=500)


class ExtraAssignment(Versioned, table=True):
    """Tilläggsuppdrag priced at hours × list price × (1 − discount)."""

    __tablename__ = "extra_assignment"

    id: Optional[int] = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    activity_id: Optional[int] = Field(default=None, foreign_key="activity.id", index=True)
    title: str = Field(max_length=300)
    ordered_on: date
    minutes: int
    list_price_per_hour_ore: int = Field(sa_type=BigInteger, nullable=False)
    discount_bp: int = Field(default=1500)
    price_ore: int = Field(sa_type=BigInteger, nullable=False)
