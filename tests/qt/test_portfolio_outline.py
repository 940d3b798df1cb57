"""The portfolio outline model: filtering and sorting done by the model in bulk must give
exactly what a plain, obvious implementation gives, for any rows, filter and sort; the
outline view opens and closes holders with the mouse and the keyboard."""

from __future__ import annotations

from datetime import date
from functools import cmp_to_key
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCollator, QLocale, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtTest import QTest

from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.domain.text_order import swedish_sort_key
from samverkan_desktop.services.portfolio import ActivityRow
from samverkan_desktop.ui.table_models.base import ID_ROLE, OUTLINE_ROLE, Outline
from samverkan_desktop.ui.table_models.portfolio_tree import HEADERS, PortfolioTreeModel
from samverkan_desktop.ui.table_models.proxy import ModelSideProxy
from samverkan_desktop.ui.widgets.outline_view import INDENT, OutlineView

TODAY = date(2026, 11, 28)
WORDS = ["skola", "Skolgård", "älg", "Åre", "öl", "zon", "etapp 2", "etapp 10", "Émile", "", "vård"]


def row(ident: int, parent: int | None, kind: ActivityKind, title: str, **kw: Any) -> ActivityRow:
    values: dict[str, Any] = dict(agreement_id=1, agreement="Avtal A", administration="", official="", researcher="",
                                  stage=Stage.IDE, start=None, end=None, budget_total_ore=0,
                                  next_report_due=None, case_number="")
    values.update(kw)
    return ActivityRow(ident, parent, kind, title, **values)


@st.composite
def portfolios(draw: st.DrawFn) -> list[ActivityRow]:
    n = draw(st.integers(0, 25))
    rows: list[ActivityRow] = []
    for i in range(1, n + 1):
        holders = [r.id for r in rows if r.kind in (ActivityKind.PROGRAM, ActivityKind.PROFILOMRADE)
                   and r.parent_id is None]
        parent = draw(st.sampled_from([None, *holders]))
        kind = draw(st.sampled_from(list(ActivityKind))) if parent is None else ActivityKind.PROJEKT
        rows.append(row(i, parent, kind, draw(st.sampled_from(WORDS)),
                        administration=draw(st.sampled_from(WORDS)),
                        stage=draw(st.sampled_from(list(Stage))),
                        start=draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1)))),
                        budget_total_ore=draw(st.integers(0, 10**12))))
    return rows


def reference(rows: list[ActivityRow], text: str, stage: Stage | None, column: int,
              descending: bool) -> list[tuple[int, int]]:
    """(id, level) of every row the outline should show, computed the obvious way."""
    model = PortfolioTreeModel()
    model.set_rows(rows, TODAY)
    nodes = {n.row.id: n for n in model.nodes()}

    def hit(r: ActivityRow) -> bool:
        return text.casefold() in nodes[r.id].haystack and (stage is None or r.stage == stage)

    def ordered(items: list[ActivityRow]) -> list[ActivityRow]:
        if column < 0:
            return items
        return sorted(items, key=lambda r: nodes[r.id].keys[column], reverse=descending)

    holders = {n.row.id for n in model.containers()}
    out: list[tuple[int, int]] = []
    for r in ordered([r for r in rows if nodes[r.id].parent is None]):
        kids = [c for c in rows if r.id in holders and c.parent_id == r.id and nodes[c.id].parent is not None]
        shown = ordered([c for c in kids if hit(c)])
        if hit(r) or shown:
            out.append((r.id, 0))
            out.extend((c.id, 1) for c in shown)
    return out


def shown(model: Any) -> list[tuple[int, int]]:
    return [(model.index(i, 0).data(ID_ROLE), model.index(i, 0).data(OUTLINE_ROLE).level)
            for i in range(model.rowCount())]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=portfolios(), text=st.sampled_from(["", "s", "sko", "skol", "ä", "ÖL", "2", "avtal"]),
       stage=st.one_of(st.none(), st.sampled_from(list(Stage))), column=st.integers(-1, len(HEADERS) - 1),
       descending=st.booleans())
def test_bulk_filter_and_sort_equal_the_obvious_way(qapp, rows: list[ActivityRow], text: str,  # type: ignore[no-untyped-def]
                                                    stage: Stage | None, column: int, descending: bool) -> None:
    model = PortfolioTreeModel()
    proxy = ModelSideProxy(model)
    proxy.setSourceModel(model)
    model.set_rows(rows, TODAY)
    # narrowing step by step (the incremental path), then the predicate, then the sort
    for i in range(len(text) + 1):
        proxy.set_text_filter(text[:i])
    proxy.set_predicate("stage", None if stage is None else (lambda r: r.stage == stage))
    proxy.sort(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    expected = reference(rows, text, stage, column, descending)
    assert shown(proxy) == expected
    # each holder knows its activities on show (closing it hides exactly those rows)
    under: dict[int, list[int]] = {}
    holder = None
    for ident, level in expected:
        if level == 0:
            holder = ident
        else:
            under.setdefault(holder, []).append(ident)  # type: ignore[arg-type]
    assert {c.row.id: [n.row.id for n in c.shown] for c in model.containers()} == {
        c.row.id: under.get(c.row.id, []) for c in model.containers()}
    assert proxy.count_matching() == sum(
        1 for r in rows if text.casefold() in model.nodes()[rows.index(r)].haystack and stage in (None, r.stage))
    # widening again (not incremental) gives the same as filtering from scratch
    proxy.set_text_filter("")
    assert shown(proxy) == reference(rows, "", stage, column, descending)


def test_layout_changes_keep_the_selected_activity(qapp) -> None:  # type: ignore[no-untyped-def]
    rows = [row(1, None, ActivityKind.PROGRAM, "Program Ö"), row(2, 1, ActivityKind.PROJEKT, "b skola"),
            row(3, 1, ActivityKind.PROJEKT, "a vård"), row(4, None, ActivityKind.FORSTUDIE, "Älg skola")]
    model = PortfolioTreeModel()
    model.set_rows(rows, TODAY)
    held = QModelIndex(model.index_of_id(2, 3))
    p = QPersistentModelIndex(held)
    model.sort(0, Qt.SortOrder.AscendingOrder)  # Ä after P in Swedish; "a vård" before "b skola"
    assert shown(model) == [(1, 0), (3, 1), (2, 1), (4, 0)]
    assert p.row() == 2 and p.column() == 3 and p.data(ID_ROLE) == 2
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(model) == [(4, 0), (1, 0), (2, 1), (3, 1)]
    assert p.row() == 2 and p.data(ID_ROLE) == 2
    model.set_filter("vård", [])
    assert not p.isValid()  # filtered out
    assert shown(model) == [(1, 0), (3, 1)] and model.matching_count() == 1


def test_swedish_order_matches_qcollator() -> None:
    words = ["Öst", "zebra", "Åsa", "Ängel", "Etapp 10", "Etapp 2", "etapp 3", "Eva", "abc", "Abd", "ålder", "Zorn",
             "ärlig", "örn", "Östra", "a1", "ab", "b", "B2", "b10", "Émile", "Emil"]
    collator = QCollator(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    assert sorted(words, key=swedish_sort_key) == sorted(words, key=cmp_to_key(collator.compare))
    assert sorted(words, key=swedish_sort_key)[-7:] == ["ålder", "Åsa", "Ängel", "ärlig", "örn", "Öst", "Östra"]


def test_outline_view_opens_and_closes_holders(qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = [row(1, None, ActivityKind.PROGRAM, "Program"), row(2, 1, ActivityKind.PROJEKT, "Projekt ett"),
            row(3, 1, ActivityKind.PROJEKT, "Projekt två"), row(4, None, ActivityKind.FORSTUDIE, "Förstudie")]
    model = PortfolioTreeModel()
    model.set_rows(rows, TODAY)
    proxy = ModelSideProxy(model)
    proxy.setSourceModel(model)
    view = OutlineView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    titles = lambda: [proxy.index(r, 0).data() for r in range(proxy.rowCount())]  # noqa: E731
    assert titles() == ["Program", "Projekt ett", "Projekt två", "Förstudie"]
    # a click on the arrow closes the program; the row below is then the next top-level row
    rect = view.visualRect(proxy.index(0, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + INDENT // 2, rect.center().y()))
    assert titles() == ["Program", "Förstudie"]
    assert proxy.index(0, 0).data(OUTLINE_ROLE) == Outline(0, True, False)
    # keys as in a tree: Right opens, Right again goes to the first activity, Left back to the holder
    view.setCurrentIndex(proxy.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert titles() == ["Program", "Projekt ett", "Projekt två", "Förstudie"]
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().data() == "Projekt ett"
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.currentIndex().data() == "Program"
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert titles() == ["Program", "Förstudie"]
    # an activity in a closed holder is revealed when it is asked for
    assert model.reveal(3).data() == "Projekt två" and len(titles()) == 4


def test_picker_model_leaves_the_activity_itself_out(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox

    from samverkan_desktop.ui.table_models.choice_list import ChoiceListModel
    from samverkan_desktop.ui.widgets.activity_form import Choice, fill_combo, set_combo_id

    combo = QComboBox()
    qtbot.addWidget(combo)
    fill_combo(combo, [Choice(10, "Program A"), Choice(11, "Program B"), Choice(12, "Profilområde C")])
    model = combo.model()
    assert isinstance(model, ChoiceListModel)
    qtmodeltester.check(model)
    pickable = lambda: [combo.itemText(i) for i in range(combo.count())  # noqa: E731
                        if model.flags(model.index(i)) & Qt.ItemFlag.ItemIsEnabled]
    assert pickable() == ["—", "Program A", "Program B", "Profilområde C"]
    model.leave_out(11)
    assert pickable() == ["—", "Program A", "Profilområde C"] and combo.count() == 4
    model.leave_out(10)  # B pickable again, A not
    assert pickable() == ["—", "Program B", "Profilområde C"]
    model.leave_out(None)
    assert pickable() == ["—", "Program A", "Program B", "Profilområde C"]
    set_combo_id(combo, 12)
    assert combo.currentText() == "Profilområde C" and combo.currentData() == 12
    set_combo_id(combo, 99, "Arkiverat program")  # an id the list lacks is kept, not lost
    assert combo.currentText() == "Arkiverat program" and combo.currentData() == 99
    fill_combo(combo, [Choice(12, "Profilområde C")])  # refill keeps the current id when it is still there
    assert combo.currentData() is None
    set_combo_id(combo, 12)
    fill_combo(combo, [Choice(13, "Ny"), Choice(12, "Profilområde C")])
    assert combo.currentData() == 12


def test_collapsing_leaves_the_outline_intact(qapp) -> None:  # type: ignore[no-untyped-def]
    rows = [row(1, None, ActivityKind.PROGRAM, "P"), row(2, 1, ActivityKind.PROJEKT, "a"),
            row(3, None, ActivityKind.FORSTUDIE, "f")]
    model = PortfolioTreeModel()
    model.set_rows(rows, TODAY)
    model.set_expanded(0, False)
    assert shown(model) == [(1, 0), (3, 0)]
    model.set_filter("", [lambda r: True])  # a new filter opens every holder again
    assert shown(model) == [(1, 0), (2, 1), (3, 0)]
    model.set_expanded(0, False)
    model.set_filter("", [])
    assert shown(model) == [(1, 0), (2, 1), (3, 0)]


def test_search_sees_a_changed_row(qapp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace
    rows = [row(1, None, ActivityKind.FORSTUDIE, "Skola"), row(2, None, ActivityKind.FORSTUDIE, "Vård")]
    model = PortfolioTreeModel()
    model.set_rows(rows, TODAY)
    model.set_filter("skola", [])
    assert shown(model) == [(1, 0)]
    model.set_filter("", [])
    assert model.replace_row(replace(rows[1], title="Vård i skolan"))
    model.set_filter("skola", [])
    assert shown(model) == [(1, 0), (2, 0)]
