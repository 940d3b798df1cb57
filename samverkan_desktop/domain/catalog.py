"""Fixed vocabularies. The database stores each member's *name* (stable code); `.value` is
the Swedish text shown to the user. (Stage, Outcome, Body, ActivityKind and ReportKind live
beside the rules that use them.)"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class OrgKind(StrEnum):
    KOMMUN = "kommun"
    KOMMUNALT_BOLAG = "kommunalt bolag"
    LAROSATE = "universitet/högskola"
    FORSKNINGSINSTITUT = "forskningsinstitut"
    FINANSIAR = "extern finansiär"
    OVRIG = "övrig"


class AgreementKind(StrEnum):
    PARTNERAVTAL = "partneravtal"
    SAMVERKANSAVTAL = "samverkansavtal"
    STRATEGISKT_PARTNERSKAP = "strategiskt partnerskap"
    TILLAGGSUPPDRAG = "tilläggsuppdrag"


class AgreementStatus(StrEnum):
    UTKAST = "utkast"
    BESLUTAT = "beslutat"
    UNDERTECKNAT = "undertecknat"
    AKTIVT = "aktivt"
    UPPSAGT = "uppsagt"
    UPPHORT = "upphört"


#: Statuses in which the agreement binds the parties (deadlines apply).
LIVE_AGREEMENT_STATUSES = frozenset(
    {AgreementStatus.BESLUTAT, AgreementStatus.UNDERTECKNAT, AgreementStatus.AKTIVT, AgreementStatus.UPPSAGT}
)


class InvoiceStatus(StrEnum):
    PLANERAD = "planerad"
    FAKTURERAD = "fakturerad"
    BETALD = "betald"


class CostKind(StrEnum):
    LON = "löner"
    OVERHEAD = "overhead"
    RESOR = "resor"
    MATERIAL = "material"
    OVRIGT = "övrigt"


class FundingSource(StrEnum):
    AVTALSMEDEL = "samverkansavtalets medel"
    EXTERN = "extern finansiär"
    KOMMUN_KONTANT = "kommunal medfinansiering (kontant)"
    NATURAINSATS = "naturainsats"
    LAROSATE = "lärosätets egen insats"


class MeetingStatus(StrEnum):
    PLANERAT = "planerat"
    KALLAT = "kallat"
    GENOMFORT = "genomfört"
    JUSTERAT = "justerat"


MEETING_STATUS_ORDER = (MeetingStatus.PLANERAT, MeetingStatus.KALLAT, MeetingStatus.GENOMFORT, MeetingStatus.JUSTERAT)


class AgendaKind(StrEnum):
    BESLUT = "beslutsärende"
    INFORMATION = "information"
    RAPPORT = "rapport"
    AVSLUTNING = "avslutning"
    OVRIGT = "övrigt"


class DocumentKind(StrEnum):
    BESLUTSUNDERLAG = "beslutsunderlag"
    MEDFINANSIERINGSINTYG = "medfinansieringsintyg"
    KALLELSE = "kallelse/dagordning"
    PROTOKOLL = "protokoll"
    PROTOKOLLSUTDRAG = "protokollsutdrag"


class SignatoryKind(StrEnum):
    KOMMUNDIREKTOR = "kommundirektör"
    KOMMUNBOLAGSCHEF = "kommunbolagschef"


def from_name(enum: type[E], name: str) -> E:
    """The member stored as `name`; raises KeyError for unknown codes."""
    return enum[name]


def by_label(enum: type[E], text: str) -> E:
    """The member whose code or Swedish label equals `text` (case-insensitive)."""
    t = text.strip().casefold()
    for m in enum:
        if m.name.casefold() == t or m.value.casefold() == t:
            return m
    raise KeyError(text)
