"""Table models of the Möten tab: meetings, attendees, agenda items and eligible cases.

Each is the generic RecordTableModel over the meeting service's plain read models; this module
only declares the columns (headers marked for translation in context "Columns")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from ...domain.catalog import MEETING_STATUS_ORDER
from ...services.meetings import AgendaItemRow, AttendeeRow, EligibleCase, MeetingRow
from .base import Column, RecordTableModel

PAST = QColor("#8a8a8a")
LOCKED = QColor("#5f6b7a")
DECIDED = QColor("#1b6e32")
UNKNOWN = QColor("#8a8a8a")
ABSENT = QColor("#b00020")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def meeting_model(today: Callable[[], date], parent: object = None) -> RecordTableModel[MeetingRow]:
    """The meetings list; meetings before `today()` are greyed."""

    def grey(r: MeetingRow) -> QColor | None:
        return PAST if r.held_on < today() else None

    def own_title(r: MeetingRow) -> str:
        """The title when it says more than the body's name (plans title meetings after their body)."""
        return "" if r.title.strip().casefold() == r.body.value.casefold() else r.title

    cols: list[Column[MeetingRow]] = [
        Column(QT_TRANSLATE_NOOP("Columns", "Date"), lambda r: r.held_on, foreground=grey),
        Column(QT_TRANSLATE_NOOP("Columns", "Time"), lambda r: r.start_time, foreground=grey),
        Column(QT_TRANSLATE_NOOP("Columns", "Body"), lambda r: r.body.value, text=lambda r: _capital(r.body.value),
               foreground=grey, tooltip=lambda r: r.agreement),
        Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: MEETING_STATUS_ORDER.index(r.status),
               text=lambda r: r.status.value, foreground=grey),
        Column(QT_TRANSLATE_NOOP("Columns", "Items"), lambda r: r.item_count, align_right=True, foreground=grey),
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), own_title, foreground=grey, tooltip=lambda r: r.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Place"), lambda r: r.place, foreground=grey, tooltip=lambda r: r.place),
    ]
    return RecordTableModel(cols, parent=parent)


def presence_text(present: bool | None) -> str:
    if present is None:
        return QCoreApplication.translate("MeetingPresence", "not noted")
    if present:
        return QCoreApplication.translate("MeetingPresence", "present")
    return QCoreApplication.translate("MeetingPresence", "absent")


def attendee_model(parent: object = None) -> RecordTableModel[AttendeeRow]:
    def colour(r: AttendeeRow) -> QColor | None:
        if r.present is None:
            return UNKNOWN
        return None if r.present else ABSENT

    cols: list[Column[AttendeeRow]] = [
        Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("Columns", "Role"), lambda r: r.role, tooltip=lambda r: r.role),
        Column(QT_TRANSLATE_NOOP("Columns", "Presence"),
               lambda r: -1 if r.present is None else int(r.present), text=lambda r: presence_text(r.present),
               foreground=colour),
    ]
    return RecordTableModel(cols, parent=parent)


def agenda_item_model(parent: object = None) -> RecordTableModel[AgendaItemRow]:
    def decided(r: AgendaItemRow) -> QColor | None:
        return DECIDED if r.outcome is not None else None

    cols: list[Column[AgendaItemRow]] = [
        Column(QT_TRANSLATE_NOOP("Columns", "§"), lambda r: r.paragraph, text=lambda r: f"§ {r.paragraph}",
               align_right=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.title, tooltip=lambda r: r.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Kind"), lambda r: r.kind),
        Column(QT_TRANSLATE_NOOP("Columns", "Case number"), lambda r: r.case_number),
        Column(QT_TRANSLATE_NOOP("Columns", "Outcome"), lambda r: r.outcome, foreground=decided,
               tooltip=lambda r: r.decision_text),
    ]
    return RecordTableModel(cols, parent=parent)


def eligible_model(parent: object = None) -> RecordTableModel[EligibleCase]:
    cols: list[Column[EligibleCase]] = [
        Column(QT_TRANSLATE_NOOP("Columns", "Case"), lambda r: r.title, tooltip=lambda r: r.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Kind"), lambda r: r.kind),
        Column(QT_TRANSLATE_NOOP("Columns", "Why now"), lambda r: r.reason, tooltip=lambda r: r.reason),
    ]
    return RecordTableModel(cols, id_of=lambda r: r.report_id or r.activity_id or 0, parent=parent)
