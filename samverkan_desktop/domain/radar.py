"""Deadline radar: everything with a date that needs attention, in one list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from samverkan_desktop.domain.dates import format_date
from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.followup import ReportKind, report_is_overdue
from samverkan_desktop.domain.money import format_money
from samverkan_desktop.domain.notice import (
    BreachDeadlines,
    NoticeRule,
    end_after_notice,
    extension_deadline,
    format_notice_rule,
    termination_options,
)

__all__ = [
    "AKUT_DAYS",
    "AgreementTerms",
    "Deadline",
    "DeadlineKind",
    "InvoiceDue",
    "MeetingDate",
    "ReportDue",
    "SNART_DAYS",
    "Urgency",
    "agreement_deadlines",
    "breach_deadline_items",
    "invoice_deadlines",
    "meeting_deadlines",
    "radar",
    "report_deadlines",
    "urgency",
]

AKUT_DAYS = 30
SNART_DAYS = 90


class DeadlineKind(StrEnum):
    UPPSAGNING = "uppsägning"
    FORLANGNING = "förlängning"
    AVTALSSLUT = "avtalet upphör"
    RAPPORT = "rapport"
    RAPPORT_FORSENAD = "rapport försenad"
    FAKTURA = "faktura förfaller"
    FAKTURERING = "fakturering"
    MOTE = "möte"
    BRIST = "avtalsbrott"


class Urgency(StrEnum):
    FORSENAD = "försenad"
    AKUT = "inom 30 dagar"
    SNART = "inom 90 dagar"
    SENARE = "senare"


@dataclass(frozen=True)
class Deadline:
    """One dated item; ``ref_type`` is agreement, activity, meeting, invoice or report."""

    due: date
    kind: DeadlineKind
    title: str
    detail: str
    ref_type: str
    ref_id: int
    agreement_id: int | None = None


@dataclass(frozen=True)
class AgreementTerms:
    id: int
    title: str
    partner: str
    start: date
    end: date | None
    status_active: bool
    notice_rule: NoticeRule
    extension_lead_months: int | None
    notice_given: date | None


@dataclass(frozen=True)
class InvoiceDue:
    id: int
    agreement_id: int
    agreement_title: str
    invoice_date: date
    due_date: date
    amount_ore: int
    invoiced: bool
    paid: bool


@dataclass(frozen=True)
class ReportDue:
    id: int
    activity_id: int
    activity_title: str
    kind: ReportKind
    due: date
    received: date | None


@dataclass(frozen=True)
class MeetingDate:
    id: int
    body: str
    title: str
    date: date
    place: str


def _agreement_item(
    a: AgreementTerms, due: date, kind: DeadlineKind, title: str, detail: str
) -> Deadline:
    return Deadline(due, kind, title, detail, "agreement", a.id, a.id)


def agreement_deadlines(a: AgreementTerms, today: date) -> list[Deadline]:
    """Next notice deadlines, the extension deadline and the end of the agreement."""
    rule = a.notice_rule
    who = f"{a.title} ({a.partner})" if a.partner else a.title
    items: list[Deadline] = []
    if a.status_active and a.notice_given is None:
        for opt in termination_options(rule, today, a.end):
            detail = f"För avslut {format_date(opt.termination_date)}; {format_notice_rule(rule)}"
            title = f"Sista dag att säga upp {who}"
            items.append(
                _agreement_item(a, opt.notice_deadline, DeadlineKind.UPPSAGNING, title, detail)
            )
    end = a.end
    if a.notice_given is not None and not rule.fixed_term:
        notice_end = end_after_notice(rule, a.notice_given)
        end = notice_end if end is None else min(end, notice_end)
    elif a.end is not None and a.extension_lead_months is not None:
        due = extension_deadline(a.end, a.extension_lead_months)
        title = f"Sista dag att komma överens om förlängning av {who}"
        detail = f"Avtalsperioden löper ut {format_date(a.end)}"
        items.append(_agreement_item(a, due, DeadlineKind.FORLANGNING, title, detail))
    if end is not None:
        if a.notice_given is not None and end != a.end:
            detail = f"Uppsagt {format_date(a.notice_given)}"
        else:
            detail = "Avtalsperioden löper ut"
        items.append(_agreement_item(a, end, DeadlineKind.AVTALSSLUT, f"{who} upphör", detail))
    return items


def breach_deadline_items(a: AgreementTerms, breach: BreachDeadlines) -> list[Deadline]:
    """Deadlines of a material breach (seed 000 §10)."""
    items: list[Deadline] = []
    if breach.rectify_by is not None:
        title = f"Rättelse senast: {a.title}"
        detail = "Rättelse efter skriftlig anmodan"
        items.append(_agreement_item(a, breach.rectify_by, DeadlineKind.BRIST, title, detail))
    if breach.terminate_by is not None:
        title = f"Säga upp vid avtalsbrott senast: {a.title}"
        detail = "Uppsägning till omedelbart upphörande, räknat från kännedom"
        items.append(_agreement_item(a, breach.terminate_by, DeadlineKind.BRIST, title, detail))
    return items


def invoice_deadlines(invoices: Iterable[InvoiceDue]) -> list[Deadline]:
    """Expected invoicing for planned invoices, payment due for unpaid ones."""
    items: list[Deadline] = []
    for inv in invoices:
        amount = format_money(inv.amount_ore)
        if not inv.invoiced:
            due, kind = inv.invoice_date, DeadlineKind.FAKTURERING
            title = f"Fakturering: {inv.agreement_title}"
            detail = f"{amount}, förfaller {format_date(inv.due_date)}"
        elif not inv.paid:
            due, kind = inv.due_date, DeadlineKind.FAKTURA
            title = f"Faktura förfaller: {inv.agreement_title}"
            detail = f"{amount}, fakturadatum {format_date(inv.invoice_date)}"
        else:
            continue
        items.append(Deadline(due, kind, title, detail, "invoice", inv.id, inv.agreement_id))
    return items


def report_deadlines(reports: Iterable[ReportDue], today: date) -> list[Deadline]:
    """Reports not yet received; overdue ones become RAPPORT_FORSENAD."""
    items: list[Deadline] = []
    for r in reports:
        if r.received is not None:
            continue
        label = str(r.kind).capitalize()
        title = f"{label}: {r.activity_title}"
        if report_is_overdue(r.due, r.received, today):
            kind = DeadlineKind.RAPPORT_FORSENAD
            detail = f"Skulle ha kommit in {format_date(r.due)}"
        else:
            kind, detail = DeadlineKind.RAPPORT, f"{label} ska komma in {format_date(r.due)}"
        items.append(Deadline(r.due, kind, title, detail, "report", r.id))
    return items


def meeting_deadlines(meetings: Iterable[MeetingDate]) -> list[Deadline]:
    """Planned meetings."""
    items: list[Deadline] = []
    for m in meetings:
        title = m.title or str(m.body).capitalize()
        detail = ", ".join(part for part in (str(m.body), m.place) if part)
        items.append(Deadline(m.date, DeadlineKind.MOTE, title, detail, "meeting", m.id))
    return items


_KEPT_WHEN_OVERDUE = frozenset({DeadlineKind.RAPPORT_FORSENAD, DeadlineKind.FAKTURA})


def radar(deadlines: Iterable[Deadline], today: date, days: int) -> list[Deadline]:
    """Items due today..today+days, plus overdue reports and unpaid invoices."""
    if days < 0:
        raise DomainError("Dagar", "Dagar framåt får inte vara negativt")
    last = today + timedelta(days=days)
    kept = [
        d
        for d in deadlines
        if today <= d.due <= last or (d.due < today and d.kind in _KEPT_WHEN_OVERDUE)
    ]
    return sorted(kept, key=lambda d: (d.due, d.kind, d.title, d.ref_type, d.ref_id))


def urgency(d: Deadline, today: date) -> Urgency:
    """Overdue, within 30 days, within 90 days, or later."""
    left = (d.due - today).days
    if left < 0:
        return Urgency.FORSENAD
    if left <= AKUT_DAYS:
        return Urgency.AKUT
    if left <= SNART_DAYS:
        return Urgency.SNART
    return Urgency.SENARE
