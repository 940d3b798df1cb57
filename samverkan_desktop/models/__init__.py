"""SQLModel tables. Importing this package registers every table on `metadata`."""

from .activities import Activity, Allocation, BudgetLine, Disbursement, FollowUpReport
from .agreements import (
    Agreement,
    AgreementParty,
    AgreementRole,
    ExtraAssignment,
    FeeInvoice,
    GovernanceBody,
    HoursEntry,
)
from .base import NAMING_CONVENTION, Versioned, metadata
from .meetings import AgendaItem, Attendee, Decision, Meeting
from .organisations import Organisation, Person
from .records import Attachment, ChangeLog, GeneratedDocument
from .exports import ExportSnapshot

__all__ = [
    "Activity", "AgendaItem", "Agreement", "AgreementParty", "AgreementRole", "Allocation",
    "Attachment", "Attendee", "BudgetLine", "ChangeLog", "Decision", "Disbursement",
    "ExtraAssignment", "FeeInvoice", "FollowUpReport", "GeneratedDocument", "GovernanceBody",
    "HoursEntry", "Meeting", "NAMING_CONVENTION", "Organisation", "Person", "Versioned", "metadata",
    "ExportSnapshot",
]
