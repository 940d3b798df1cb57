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
from ...services.portfolio import DocumentRow, HistoryRow, MoneyRow, ReportRow
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
@dataclass(frozen=True)
class HistoryLine:
    id: int
    at: str
    user: str
    action: str
    field: str
    old: str
    new: str


FIELD_LABELS = {
    "kind": QT_TRANSLATE_NOOP("ActivityHistory", "Kind"),
    "parent_id": QT_TRANSLATE_NOOP("ActivityHistory", "Part of"),
    "agreement_id": QT_TRANSLATE_NOOP("ActivityHistory", "Agreement"),
    "title": QT_TRANSLATE_NOOP("ActivityHistory", "Title"),
    "research_question": QT_TRANSLATE_NOOP("ActivityHistory", "Research question"),
    "stage": QT_TRANSLATE_NOOP("ActivityHistory", "Stage"),
    "start": QT_TRANSLATE_NOOP("ActivityHistory", "Start"),
    "end": QT_TRANSLATE_NOOP("ActivityHistory", "End"),
    "case_number": QT_TRANSLATE_NOOP("ActivityHistory", "Case number"),
    "responsible_researcher_id": QT_TRANSLATE_NOOP("ActivityHistory", "Responsible researcher"),
    "university_id": QT_TRANSLATE_NOOP("ActivityHistory", "University"),
    "responsible_official_id": QT_TRANSLATE_NOOP("ActivityHistory", "Responsible official"),
    "administration": QT_TRANSLATE_NOOP("ActivityHistory", "Administration/company"),
    "company_id": QT_TRANSLATE_NOOP("ActivityHistory", "Municipal company"),
    "forankring_confirmed": QT_TRANSLATE_NOOP("ActivityHistory", "Anchoring confirmed"),
    "external_funder_id": QT_TRANSLATE_NOOP("ActivityHistory", "External funder"),
    "effect_goals": QT_TRANSLATE_NOOP("ActivityHistory", "Effect goals"),
    "kpis": QT_TRANSLATE_NOOP("ActivityHistory", "KPIs"),
    "activity_goals": QT_TRANSLATE_NOOP("ActivityHistory", "Activity goals"),
    "deliverables": QT_TRANSLATE_NOOP("ActivityHistory", "Deliverables"),
    "rektor_signed_on": QT_TRANSLATE_NOOP("ActivityHistory", "Signed by the vice-chancellor"),
    "municipality_signed_on": QT_TRANSLATE_NOOP("ActivityHistory", "Signed for the municipality"),
    "funds_transferred_on": QT_TRANSLATE_NOOP("ActivityHistory", "Funds transferred"),
    "popular_presentation_on": QT_TRANSLATE_NOOP("ActivityHistory", "Popular-science presentation"),
    "notes": QT_TRANSLATE_NOOP("ActivityHistory", "Notes"),
}
ACTIONS = {
    "create": QT_TRANSLATE_NOOP("ActivityHistory", "Created"),
    "update": QT_TRANSLATE_NOOP("ActivityHistory", "Changed"),
    "delete": QT_TRANSLATE_NOOP("ActivityHistory", "Removed"),
}
_ENUM_FIELDS: dict[str, type] = {"kind": ActivityKind, "stage": Stage, "cost_kind": CostKind, "source": FundingSource}


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def history_lines(rows: list[HistoryRow], names: Mapping[str, Mapping[int, str]]) -> list[HistoryLine]:
    """Readable history: Swedish field labels, enum codes as their Swedish text, ids as names.
    `names` maps an id field ("agreement_id", "parent_id", …) to {id: name}."""

    def value(field: str, raw: str | None) -> str:
        if raw is None:
            return ""
        enum = _ENUM_FIELDS.get(field)
        if enum is not None:
            try:
                return str(enum[raw].value)
            except KeyError:
                return raw
        lookup = names.get(field)
        if lookup is not None and raw.isdigit():
            return lookup.get(int(raw), f"#{raw}")
        return raw

    out = []
    for i, h in enumerate(rows):
        label = FIELD_LABELS.get(h.field)
        out.append(HistoryLine(
            i + 1, _local_time(h.at), h.user,
            QCoreApplication.translate("ActivityHistory", ACTIONS.get(h.action, h.action)),
            QCoreApplication.translate("ActivityHistory", label) if label else h.field,
            value(h.field, h.old), value(h.field, h.new)))
    out.reverse()  # newest first
    return out


def history_columns() -> list[Column[HistoryLine]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "When"), lambda h: h.at),
        Column(QT_TRANSLATE_NOOP("Columns", "Who"), lambda h: h.user),
        Column(QT_TRANSLATE_NOOP("Columns", "What"), lambda h: h.action),
        Column(QT_TRANSLATE_NOOP("Columns", "Field"), lambda h: h.field),
        Column(QT_TRANSLATE_NOOP("Columns", "Before"), lambda h: h.old, tooltip=lambda h: h.old),
        Column(QT_TRANSLATE_NOOP("Columns", "After"), lambda h: h.new, tooltip=lambda h: h.new),
    ]
