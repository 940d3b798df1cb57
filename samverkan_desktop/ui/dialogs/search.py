"""Global search (Ctrl+F): agreements, activities, meetings and people by any visible text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from ...domain.money import format_money
from ..context import UiContext
from ..table_models.base import Column, RecordTableModel
from ..table_models.proxy import RecordSortProxy
from ..tabs.base import setup_table


@dataclass(frozen=True)
class Hit:
    id: int
    kind: str  # agreement | activity | meeting | person
    kind_text: str
    title: str
    detail: str


def search_all(ctx: UiContext, text: str, kind_names: dict[str, str]) -> list[Hit]:
    """Every record whose visible text contains `text` (case-insensitive)."""
    needle = text.strip().casefold()
    sv = ctx.services
    today = ctx.today()
    hits: list[Hit] = []

    def match(*parts: object) -> bool:
        return needle in " ".join("" if p is None else str(getattr(p, "value", p)) for p in parts).casefold()

    for a in sv.agreements.list_rows(today):
        if match(a.title, a.partners, a.case_number, a.kind, a.status, format_money(a.annual_fee_ore)):
            hits.append(Hit(a.id, "agreement", kind_names["agreement"], a.title, a.partners))
    for r in sv.portfolio.list_rows(today):
        if match(r.title, r.agreement, r.administration, r.official, r.researcher, r.stage, r.kind, r.case_number):
            hits.append(Hit(r.id, "activity", kind_names["activity"], r.title, f"{r.kind.value}, {r.stage.value}"))
    for m in sv.meetings.list_rows():
        if match(m.title, m.body, m.place, m.held_on.isoformat(), m.agreement):
            hits.append(Hit(m.id, "meeting", kind_names["meeting"], f"{m.held_on.isoformat()} {m.title}", m.place))
    for p in sv.people.people():
        if match(p.name, p.title, p.organisation, p.email):
            hits.append(Hit(p.id, "person", kind_names["person"], p.name, f"{p.title}, {p.organisation}"))
    return hits


class SearchDialog(QDialog):
    chosen = Signal(str, int)

    def __init__(self, ctx: UiContext, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search: %1").replace("%1", text))
        self.resize(760, 420)
        names = {"agreement": self.tr("Agreement"), "activity": self.tr("Activity"),
                 "meeting": self.tr("Meeting"), "person": self.tr("Person")}
        self.hits = search_all(ctx, text, names)
        self.model: RecordTableModel[Hit] = RecordTableModel(
            [Column(QT_TRANSLATE_NOOP("Columns", "Kind"), lambda h: h.kind_text),
             Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda h: h.title),
             Column(QT_TRANSLATE_NOOP("Columns", "Details"), lambda h: h.detail)], context="Columns")
        self.model.set_rows(self.hits)
        self.proxy = RecordSortProxy(self)
        self.proxy.setSourceModel(self.model)
        lay = QVBoxLayout(self)
        self.summary = QLabel(self.tr("%n hit(s)", "", len(self.hits)) if self.hits else
                              self.tr("Nothing matched “%1”.").replace("%1", text))
        lay.addWidget(self.summary)
        self.view = QTableView()
        setup_table(self.view, self.proxy, "searchResults")
        self.view.setColumnWidth(0, 110)
        self.view.setColumnWidth(1, 330)
        self.view.activated.connect(self._choose)
        self.view.doubleClicked.connect(self._choose)
        lay.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _choose(self, index: object) -> None:
        from ..table_models.base import RECORD_ROLE

        hit = self.view.currentIndex().data(RECORD_ROLE)
        if isinstance(hit, Hit):
            self.chosen.emit(hit.kind, hit.id)
            self.accept()
