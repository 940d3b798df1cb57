"""What the printed documents show: plain, frozen read models (no reportlab, no database).

`services.documents.DocumentService` fills these from the services' read models; the
renderers in `decision_documents` and `meeting_documents` turn them into PDF bytes. Tests and
benchmarks can build them by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.catalog import FundingSource, SignatoryKind

__all__ = [
    "AgendaEntry",
    "CoFinancingCertificate",
    "DecisionBasis",
    "DecisionRef",
    "FundingCell",
    "MeetingAttendee",
    "MeetingDocument",
    "OrgBranding",
    "Party",
    "ReportDue",
    "Signatory",
]


@dataclass(frozen=True)
class OrgBranding:
    """Who issues the document: the organisation's name and, optionally, a logo (PNG/JPEG)."""

    name: str
    logo_path: Path | None = None


@dataclass(frozen=True)
class Party:
    role: str  # "Lärosäte", "Kommun", "Kommunalt bolag", "Extern finansiär"
    name: str
    org_nr: str = ""


@dataclass(frozen=True)
class Signatory:
    """Who signs for one party: rektor, kommundirektör or kommunbolagschef."""

    organisation: str
    title: str  # as printed: "Rektor", "Kommundirektör", "Kommunbolagschef"
    name: str = ""  # prefilled namnförtydligande when known
    kind: SignatoryKind | None = None  # the municipal side's kind; None for the University


@dataclass(frozen=True)
class DecisionRef:
    body: str
    decided_on: date | None
    paragraph: str  # "§ 4"
    case_number: str
    text: str
    reservations: str = ""


@dataclass(frozen=True)
class FundingCell:
    year: int
    source: FundingSource
    amount_ore: int


@dataclass(frozen=True)
class ReportDue:
    label: str  # "Årsrapport", "Slutrapport"
    due: date


@dataclass(frozen=True)
class DecisionBasis:
    """Beslutsunderlag: printed in ``copies`` identical copies for signature."""

    branding: OrgBranding
    doc_date: date
    case_number: str
    activity_kind: str
    title: str
    agreement: str
    agreement_case_number: str
    parent_title: str
    researcher: str
    university: str
    official: str
    administration: str
    start: date | None
    end: date | None
    research_question: str
    deliverables: str
    parties: tuple[Party, ...]
    decision: DecisionRef | None
    funding: tuple[FundingCell, ...]
    reports: tuple[ReportDue, ...]
    closure_requirements: tuple[str, ...]
    signatories: tuple[Signatory, ...]
    copies: int = 2


@dataclass(frozen=True)
class CoFinancingCertificate:
    """Medfinansieringsintyg that goes with an application to an external funder."""

    branding: OrgBranding
    doc_date: date
    case_number: str
    activity_kind: str
    title: str
    funder: str
    university: str
    researcher: str
    official: str
    administration: str
    start: date | None
    end: date | None
    applied_from_funder_ore: int
    cofinancing: tuple[FundingCell, ...]  # the municipal side's cash and in-kind per year
    parties: tuple[Party, ...]
    decision: DecisionRef | None
    signatories: tuple[Signatory, ...]
    municipality: str  # who co-finances (municipality or company)


@dataclass(frozen=True)
class MeetingAttendee:
    name: str
    role: str
    present: bool | None


@dataclass(frozen=True)
class AgendaEntry:
    paragraph: int
    title: str
    kind: str
    case_number: str
    documents: tuple[str, ...]
    proposal: str
    motions: str
    decision_procedure: str
    decision: str
    reservations: str
    sent_to: tuple[str, ...]


@dataclass(frozen=True)
class MeetingDocument:
    """A meeting for its kallelse/dagordning, protokoll or protokollsutdrag."""

    branding: OrgBranding
    doc_date: date
    body: str  # "Styrgrupp"
    title: str
    held_on: date
    start_time: str
    end_time: str
    place: str
    chair: str
    secretary: str
    adjusters: tuple[str, ...]
    attendees: tuple[MeetingAttendee, ...]
    items: tuple[AgendaEntry, ...]
    case_number: str = ""  # the agreement's, when the meeting belongs to one
    adjusted: bool = False  # justerat
    #: A political body (kommunstyrelsen, its arbetsutskott): the minutes carry the anslag/bevis box.
    public_notice: bool = False
