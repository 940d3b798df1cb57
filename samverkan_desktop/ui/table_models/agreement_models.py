"""Column declarations for the agreement tab's tables. Every table is the generic
RecordTableModel over plain read-model rows from AgreementService / PeopleService."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from ...domain.catalog import InvoiceStatus
from ...domain.hours import format_hours
from ...services.agreements import (
    AgreementRow,
    AttachmentRow,
    BodyRow,
    DecisionRow,
    ExtraRow,
    HoursRow,
    InvoiceLine,
    PartyRow,
    RoleRow,
)
from .base import Column, RecordTableModel, money_column

# deadline colours: within the short warning window, within the long one
SOON_FG, SOON_BG = QColor("#8a1111"), QColor("#fde3e1")
COMING_FG, COMING_BG = QColor("#6b4a00"), QColor("#fff4d1")
STATUS_COLOURS = {
    InvoiceStatus.BETALD: QColor("#1e6b2e"),
    InvoiceStatus.FAKTURERAD: QColor("#1b4f8a"),
    InvoiceStatus.PLANERAD: None,
}


@dataclass(frozen=True)
class YearTotal:
    year: int
    amount_ore: int
    invoices: int


def period_text(start: date, end: date | None) -> str:
    return f"{start.isoformat()} – {end.isoformat() if end else ''}".rstrip()


def deadline_text(r: AgreementRow) -> str:
    if r.next_deadline is None:
        return ""
    return f"{r.next_deadline.isoformat()} ({r.next_deadline_text})" if r.next_deadline_text else \
        r.next_deadline.isoformat()


def agreement_model(today: Callable[[], date], warn_days: Callable[[], tuple[int, ...]],
                    parent: object = None) -> RecordTableModel[AgreementRow]:
    """Partner, title, case number, status, period, annual fee, next deadline (coloured when near)."""

    def urgency(r: AgreementRow) -> int:
        if r.next_deadline is None:
            return 0
        days = (r.next_deadline - today()).days
        windows = sorted(warn_days() or (90, 30))
        if days <= windows[0]:
            return 2
        return 1 if days <= windows[-1] else 0

    def fg(r: AgreementRow) -> QColor | None:
        return {2: SOON_FG, 1: COMING_FG}.get(urgency(r))

    def bg(r: AgreementRow) -> QColor | None:
        return {2: SOON_BG, 1: COMING_BG}.get(urgency(r))

    def days_tip(r: AgreementRow) -> str:
        if r.next_deadline is None:
            return ""
        n = (r.next_deadline - today()).days
        return QCoreApplication.translate("AgreementModels", "Days left: %1").replace("%1", str(n))

    cols: list[Column[AgreementRow]] = [
        Column(QT_TRANSLATE_NOOP("Columns", "Partner"), lambda r: r.partners),
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.title, tooltip=lambda r: r.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Case number"), lambda r: r.case_number),
        Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: r.status),
        Column(QT_TRANSLATE_NOOP("Columns", "Period"), lambda r: r.start, text=lambda r: period_text(r.start, r.end)),
        money_column(QT_TRANSLATE_NOOP("Columns", "Annual fee"), lambda r: r.annual_fee_ore),
        Column(QT_TRANSLATE_NOOP("Columns", "Next deadline"), lambda r: r.next_deadline, text=deadline_text,
               foreground=fg, background=bg, tooltip=days_tip),
    ]
    return RecordTableModel(cols, parent=parent)


def party_model(parent: object = None) -> RecordTableModel[PartyRow]:
    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("Columns", "Org. no."), lambda r: r.org_nr or ""),
    ], id_of=lambda r: r.organisation_id, parent=parent)


def body_model(parent: object = None) -> RecordTableModel[BodyRow]:
    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Body"), lambda r: r.body),
        Column(QT_TRANSLATE_NOOP("Columns", "Meetings per year"), lambda r: r.meetings_per_year, align_right=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Description"), lambda r: r.description, tooltip=lambda r: r.description),
    ], parent=parent)


def role_model(side_text: Callable[[str], str], parent: object = None) -> RecordTableModel[RoleRow]:
    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Person"), lambda r: r.person_name),
        Column(QT_TRANSLATE_NOOP("Columns", "Role"), lambda r: r.role),
        Column(QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.organisation),
        Column(QT_TRANSLATE_NOOP("Columns", "Side"), lambda r: side_text(r.side)),
    ], parent=parent)


def decision_model(parent: object = None) -> RecordTableModel[DecisionRow]:
    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Date"), lambda r: r.decided_on),
        Column(QT_TRANSLATE_NOOP("Columns", "Body"), lambda r: r.body),
        Column(QT_TRANSLATE_NOOP("Columns", "§"), lambda r: r.paragraph),
        Column(QT_TRANSLATE_NOOP("Columns", "Case number"), lambda r: r.case_number),
        Column(QT_TRANSLATE_NOOP("Columns", "Decision"), lambda r: r.outcome, tooltip=lambda r: r.outcome),
        Column(QT_TRANSLATE_NOOP("Columns", "Reservations"), lambda r: r.reservations,
               tooltip=lambda r: r.reservations),
    ], parent=parent)


def attachment_model(exists: Callable[[str], bool], parent: object = None) -> RecordTableModel[AttachmentRow]:
    missing = QColor("#8a1111")
    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.title),
        Column(QT_TRANSLATE_NOOP("Columns", "File"), lambda r: r.path, tooltip=lambda r: r.path,
               foreground=lambda r: None if exists(r.path) else missing),
        Column(QT_TRANSLATE_NOOP("Columns", "Checksum"), lambda r: r.sha256[:12], tooltip=lambda r: r.sha256),
    ], parent=parent)


def invoice_model(today: Callable[[], date], parent: object = None) -> RecordTableModel[InvoiceLine]:
    overdue = QColor("#8a1111")

    def status_fg(r: InvoiceLine) -> QColor | None:
        if r.status != InvoiceStatus.BETALD and r.due_date < today() and r.status == InvoiceStatus.FAKTURERAD:
            return overdue
        return STATUS_COLOURS.get(r.status)

    def status_tip(r: InvoiceLine) -> str:
        parts = []
        if r.invoiced_on:
            parts.append(QCoreApplication.translate("AgreementModels", "Invoiced %1").replace(
                "%1", r.invoiced_on.isoformat()))
        if r.paid_on:
            parts.append(QCoreApplication.translate("AgreementModels", "Paid %1").replace("%1", r.paid_on.isoformat()))
        return ", ".join(parts)

    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Period"), lambda r: r.year * 100 + r.period_no, text=lambda r: r.label),
        Column(QT_TRANSLATE_NOOP("Columns", "Invoice day"), lambda r: r.invoice_date),
        Column(QT_TRANSLATE_NOOP("Columns", "Due"), lambda r: r.due_date),
        money_column(QT_TRANSLATE_NOOP("Columns", "Amount"), lambda r: r.amount_ore),
        Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: r.status, foreground=status_fg, tooltip=status_tip),
    ], id_of=lambda r: r.key, parent=parent)


def year_total_model(parent: object = None) -> RecordTableModel[YearTotal]:
    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Year"), lambda r: r.year,
               tooltip=lambda r: QCoreApplication.translate("AgreementModels", "Invoices: %1").replace(
                   "%1", str(r.invoices))),
        money_column(QT_TRANSLATE_NOOP("Columns", "Fee"), lambda r: r.amount_ore),
    ], id_of=lambda r: r.year, parent=parent)


def hours_model(parent: object = None) -> RecordTableModel[HoursRow]:
    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Date"), lambda r: r.worked_on),
        Column(QT_TRANSLATE_NOOP("Columns", "Hours"), lambda r: r.minutes, text=lambda r: format_hours(r.minutes),
               align_right=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Description"), lambda r: r.description, tooltip=lambda r: r.description),
    ], parent=parent)


def extra_model(parent: object = None) -> RecordTableModel[ExtraRow]:
    return RecordTableModel([
        Column(QT_TRANSLATE_NOOP("Columns", "Extra assignment"), lambda r: r.title, tooltip=lambda r: r.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Ordered"), lambda r: r.ordered_on),
        Column(QT_TRANSLATE_NOOP("Columns", "Hours"), lambda r: r.minutes, text=lambda r: format_hours(r.minutes),
               align_right=True),
        money_column(QT_TRANSLATE_NOOP("Columns", "Price"), lambda r: r.price_ore),
    ], parent=parent)
