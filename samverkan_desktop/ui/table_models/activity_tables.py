"""Column sets for the tables inside an activity (reports, decisions, money, documents,
history), all shown through RecordTableModel; plus the history rows made readable."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from ...domain.catalog import CostKind, FundingSource
from ...domain.followup import ActivityKind
from ...domain.stages import Stage
from ...services.agreements import DecisionRow
from ...services.portfolio import DocumentRow, MoneyRow, ReportRow
from .base import Column, display, money_column

_RED = QColor("#b00020")
_RED_BG = QColor("#fde7ea")
_GREEN = QColor("#1b6e2d")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActivityTables", text)


QT_TRANSLATE_NOOP("ActivityTables", "Overdue")
QT_TRANSLATE_NOOP("ActivityTables", "Approved")
QT_TRANSLATE_NOOP("ActivityTables", "Not approved")
QT_TRANSLATE_NOOP("ActivityTables", "Received")
QT_TRANSLATE_NOOP("ActivityTables", "Upcoming")


def report_status(r: ReportRow) -> str:
    if r.overdue:
        return _tr("Overdue")
    if r.approved is True:
        return _tr("Approved")
    if r.approved is False:
        return _tr("Not approved")
    if r.received_on is not None:
        return _tr("Received")
    return _tr("Upcoming")


def report_columns(meeting_names: Mapping[int, str]) -> list[Column[ReportRow]]:
    """`meeting_names` (id → "date body") is read when the cells are drawn; refill it in place."""
    red: Callable[[ReportRow], QColor | None] = lambda r: _RED if r.overdue else None  # noqa: E731
    bg: Callable[[ReportRow], QColor | None] = lambda r: _RED_BG if r.overdue else None  # noqa: E731

    def approved(r: ReportRow) -> str:
        return "" if r.approved is None else display(r.approved)

    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Report"), lambda r: r.kind.value, foreground=red, background=bg),
        Column(QT_TRANSLATE_NOOP("Columns", "Due"), lambda r: r.due, foreground=red, background=bg),
        Column(QT_TRANSLATE_NOOP("Columns", "Received"), lambda r: r.received_on, background=bg),
        Column(QT_TRANSLATE_NOOP("Columns", "Presented at"),
               lambda r: meeting_names.get(r.presented_meeting_id, "") if r.presented_meeting_id else "",
               background=bg),
        Column(QT_TRANSLATE_NOOP("Columns", "Approved"), approved, background=bg),
        Column(QT_TRANSLATE_NOOP("Columns", "Status"), report_status, foreground=lambda r: _RED if r.overdue else (
            _GREEN if r.approved else None), background=bg),
    ]


def decision_columns() -> list[Column[DecisionRow]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Date"), lambda d: d.decided_on),
        Column(QT_TRANSLATE_NOOP("Columns", "Body"), lambda d: d.body),
        Column(QT_TRANSLATE_NOOP("Columns", "§"), lambda d: d.paragraph),
        Column(QT_TRANSLATE_NOOP("Columns", "Case number"), lambda d: d.case_number),
        Column(QT_TRANSLATE_NOOP("Columns", "Decision"), lambda d: d.outcome, tooltip=lambda d: d.outcome),
        Column(QT_TRANSLATE_NOOP("Columns", "Reservations"), lambda d: d.reservations),
    ]


def allocation_columns() -> list[Column[MoneyRow]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Year"), lambda m: m.year_or_date),
        Column(QT_TRANSLATE_NOOP("Columns", "Source"), lambda m: m.source.value),
        money_column(QT_TRANSLATE_NOOP("Columns", "Amount"), lambda m: m.amount_ore),
        Column(QT_TRANSLATE_NOOP("Columns", "Decided on"), lambda m: m.note),
    ]


def disbursement_columns() -> list[Column[MoneyRow]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Paid on"), lambda m: m.year_or_date),
        Column(QT_TRANSLATE_NOOP("Columns", "Source"), lambda m: m.source.value),
        money_column(QT_TRANSLATE_NOOP("Columns", "Amount"), lambda m: m.amount_ore),
        Column(QT_TRANSLATE_NOOP("Columns", "Note"), lambda m: m.note, tooltip=lambda m: m.note),
    ]


def document_columns() -> list[Column[DocumentRow]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Document"), lambda d: d.kind),
        Column(QT_TRANSLATE_NOOP("Columns", "Created"), lambda d: d.created_at.replace("T", " ")),
        Column(QT_TRANSLATE_NOOP("Columns", "By"), lambda d: d.created_by),
        Column(QT_TRANSLATE_NOOP("Columns", "File"), lambda d: d.filename),
    ]


# ---- history --------------------------------------------------------------------------
