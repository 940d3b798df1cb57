"""The Projektportfölj tab driven as the analyst would: a new pre-study taken from idea to
running entirely in the GUI, the gates' messages, filters, the budget grid, reports,
signatures and the money gate."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QScrollArea, QWidget

from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.ui.dialogs.activity_dialogs import DisbursementDialog, ReportDialog
from samverkan_desktop.ui.main_window import MainWindow
from samverkan_desktop.ui.messages import RecordingMessenger
from samverkan_desktop.ui.table_models.base import ID_ROLE, OUTLINE_ROLE, Outline
from samverkan_desktop.ui.table_models.portfolio_tree import COL_BUDGET, COL_NEXT_REPORT, COL_STAGE, \
    PortfolioTreeModel
from samverkan_desktop.ui.tabs.portfolio import (
    SEC_BUDGET,
    SEC_DECISIONS,
    SEC_DETAILS,
    SEC_FOLLOWUP,
    SEC_HISTORY,
    PortfolioTab,
)
from samverkan_desktop.ui.widgets.fields import MoneyEdit

from .conftest import TODAY, tab_order, wait_tasks


# ---- helpers ---------------------------------------------------------------------------
def open_tab(qtbot, window: MainWindow) -> PortfolioTab:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.portfolio)
    wait_tasks(qtbot, window)
    return window.portfolio


def tree_rows(tab: PortfolioTab) -> list[tuple[str, ...]]:
    """Every visible row of the tree (children after their parent) as its cell texts."""
    m = tab.tree.model()
    out: list[tuple[str, ...]] = []

    def walk(parent: QModelIndex) -> None:
        for r in range(m.rowCount(parent)):
            idx = m.index(r, 0, parent)
            out.append(tuple(m.index(r, c, parent).data() for c in range(m.columnCount(parent))))
            walk(idx)

    walk(QModelIndex())
    return out


def titles(tab: PortfolioTab) -> list[str]:
    return [r[0] for r in tree_rows(tab)]


def row_of(tab: PortfolioTab, title: str) -> tuple[str, ...]:
    return next(r for r in tree_rows(tab) if r[0] == title)


def click_activity(qtbot, tab: PortfolioTab, title: str) -> None:  # type: ignore[no-untyped-def]
    m = tab.tree.model()

    def find(parent: QModelIndex) -> QModelIndex | None:
        for r in range(m.rowCount(parent)):
            idx = m.index(r, 0, parent)
            if idx.data() == title:
                return idx
            hit = find(idx)
            if hit is not None:
                return hit
        return None

    idx = find(QModelIndex())
    assert idx is not None, f"{title!r} is not in the tree"
    tab.tree.scrollTo(idx)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=tab.tree.visualRect(idx).center())
    assert tab.title_label.text() == title


def show_section(qtbot, tab: PortfolioTab, index: int) -> None:  # type: ignore[no-untyped-def]
    bar = tab.sections.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tab.sections.currentIndex() == index


def choose(combo: QComboBox, text: str) -> None:
    i = combo.findText(text)
    assert i >= 0, f"{text!r} not in {[combo.itemText(k) for k in range(combo.count())]}"
    combo.setCurrentIndex(i)
    combo.activated.emit(i)


def type_text(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a user; QTest cannot synthesise every non-ASCII key (ä), so those are
    inserted as an input method would."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(edit, ch)
        else:
            edit.insert(ch)


def click(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    w = button.parentWidget()
    while w is not None:  # scroll it into view first, as the user would
        if isinstance(w, QScrollArea):
            w.ensureWidgetVisible(button)
        w = w.parentWidget()
    # a check box toggles when its box or text is hit, not the empty rest of the row
    pos = QPoint(8, button.height() // 2) if isinstance(button, QCheckBox) else button.rect().center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=pos)


def field_error(widget: QWidget) -> str:
    box = widget.parentWidget()
    labels = [lab for lab in box.findChildren(QLabel, "fieldError") if lab.isVisible()]
    return labels[0].text() if labels else ""


def type_budget_cell(qtbot, tab: PortfolioTab, row: int, col: int, text: str) -> None:  # type: ignore[no-untyped-def]
    view = tab.budget.view
    idx = view.model().index(row, col)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
    qtbot.keyClick(view, Qt.Key.Key_F2)  # edit the current cell
    editors = [e for e in view.findChildren(MoneyEdit, "budgetCellEditor") if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # the delegate commits queued


def budget_cells(tab: PortfolioTab) -> list[list[str]]:
    m = tab.budget.view.model()
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def last_warning(messenger: RecordingMessenger) -> str:
    warnings = [t for kind, _title, t in messenger.shown if kind == "warning"]
    assert warnings, messenger.shown
    return warnings[-1]


# ---- the whole workflow ----------------------------------------------------------------
def test_new_prestudy_through_beredning_and_styrgrupp_to_running(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                  messenger: RecordingMessenger) -> None:
    tab = open_tab(qtbot, window)
    assert "Trygg skolväg" not in titles(tab)

    # Ctrl+N: an empty pre-study in the first stage
    window.extra_actions["newRecord"].trigger()  # Redigera › Ny post (Ctrl+N)
    assert tab.title_label.text() == "Ny förstudie"
    assert tab.form.kind.currentText() == "förstudie"
    assert tab.stage_label.text() == "idé/dialog"
    assert not tab.next_button.isEnabled()
    # saving without a title is refused beside the field
    click(qtbot, tab.save_button)
    assert field_error(tab.form.title) == "Titel: måste fyllas i"
    type_text(qtbot, tab.form.title, "Trygg skolväg")
    choose(tab.form.agreement, "Samverkansavtal Örebro kommunkoncern – Örebro universitet")
    qtbot.keyClicks(tab.form.start, "2027-01-01")
    qtbot.keyClicks(tab.form.end, "2027-12-31")
    click(qtbot, tab.save_button)
    wait_tasks(qtbot, window)
    assert tab.stage_label.text() == "idé/dialog"
    assert row_of(tab, "Trygg skolväg")[1:3] == ("förstudie", "idé/dialog")
    assert tab.tree.currentIndex().data() == "Trygg skolväg"

    # idé → pitch → ansökan
    assert tab.next_button.text() == "Nästa steg: pitch"
    click(qtbot, tab.next_button)
    assert tab.stage_label.text() == "pitch"
    click(qtbot, tab.next_button)
    assert tab.stage_label.text() == "ansökan"
    assert tab.next_button.text() == "Nästa steg: beredning"

    # towards beredning: the gate says exactly what is missing
    click(qtbot, tab.next_button)
    assert last_warning(messenger) == (
        "Steget till beredning går inte ännu: Ansvarig forskare saknas; Ansvarig tjänsteperson saknas; "
        "Förankring i förvaltningen är inte bekräftad; Detaljerad budget saknas.")
    assert tab.stage_label.text() == "ansökan"
    assert "Ansvarig forskare saknas" in tab.gate_label.text()

    # fill in the people, the anchoring and the budget
    show_section(qtbot, tab, SEC_DETAILS)
    choose(tab.form.researcher, "Łukasz Dvořák (Örebro universitet)")
    assert tab.form.university.currentText() == "Örebro universitet"  # filled from the researcher
    choose(tab.form.official, "Lena Holm (Örebro kommun)")
    tab.form.administration.setEditText("")
    type_text(qtbot, tab.form.administration.lineEdit(), "Förvaltningen Vård och omsorg")
    click(qtbot, tab.form.forankring)
    assert tab.form.forankring.isChecked()
    show_section(qtbot, tab, SEC_BUDGET)
    tab.budget.year_spin.setValue(2027)
    click(qtbot, tab.budget.add_year_button)
    choose(tab.budget.cost_combo, "löner")
    choose(tab.budget.source_combo, "samverkansavtalets medel")
    click(qtbot, tab.budget.add_line_button)
    choose(tab.budget.source_combo, "naturainsats")
    click(qtbot, tab.budget.add_line_button)
    type_budget_cell(qtbot, tab, 0, 2, "200000")
    type_budget_cell(qtbot, tab, 1, 2, "50 000,50 kr")
    assert budget_cells(tab) == [
        ["löner", "samverkansavtalets medel", "200 000 kr", "200 000 kr"],
        ["löner", "naturainsats", "50 000,50 kr", "50 000,50 kr"],
        ["Summa", "", "250 000,50 kr", "250 000,50 kr"]]
    assert tab.dirty_label.isVisible()
    click(qtbot, tab.save_button)
    wait_tasks(qtbot, window)
    assert not tab.dirty_label.isVisible()
    assert row_of(tab, "Trygg skolväg")[COL_BUDGET] == "250 000,50 kr"

    # ansökan → beredning → styrgrupp → beviljad
    click(qtbot, tab.next_button)
    assert tab.stage_label.text() == "beredning"
    click(qtbot, tab.next_button)
    assert tab.stage_label.text() == "styrgrupp"
    assert tab.next_button.text() == "Nästa steg: beviljad – beslutsunderlag"
    other = [a.text() for a in tab.other_menu.actions()]
    assert other == ["Till medfinansiering – väntar på finansiär", "Till avslag", "Till återremiss"]
    click(qtbot, tab.next_button)
    assert tab.stage_label.text() == "beviljad – beslutsunderlag"

    # towards pågående: blocked until both have signed
    n_warnings = len([k for k, _t, _x in messenger.shown if k == "warning"])
    click(qtbot, tab.next_button)
    assert last_warning(messenger) == (
        "Steget till pågående går inte ännu: Beslutsunderlaget är inte undertecknat av rektor; "
        "Beslutsunderlaget är inte undertecknat av kommundirektör/kommunbolagschef.")
    assert len([k for k, _t, _x in messenger.shown if k == "warning"]) == n_warnings + 1
    assert tab.stage_label.text() == "beviljad – beslutsunderlag"
    show_section(qtbot, tab, SEC_DECISIONS)
    assert tab.rektor_status.text() == "Ej undertecknat"
    click(qtbot, tab.rektor_button)
    assert tab.rektor_status.text() == f"Undertecknat {TODAY.isoformat()}"
    click(qtbot, tab.next_button)  # still one signature missing
    assert last_warning(messenger).endswith("Beslutsunderlaget är inte undertecknat av "
                                            "kommundirektör/kommunbolagschef.")
    qtbot.keyClicks(tab.muni_date, "2026-11-27")
    click(qtbot, tab.muni_button)
    assert tab.muni_status.text() == "Undertecknat 2026-11-27"
    click(qtbot, tab.next_button)
    assert tab.stage_label.text() == "pågående"
    wait_tasks(qtbot, window)
    assert row_of(tab, "Trygg skolväg")[COL_STAGE] == "pågående"
    # the history shows the steps, in Swedish
    show_section(qtbot, tab, SEC_HISTORY)
    hist = tab.history_view.model()
    changes = [(hist.index(r, 4).data(), hist.index(r, 6).data()) for r in range(hist.rowCount())]
    assert ("Steg", "pågående") in changes and ("Steg", "beredning") in changes
    # the activity's parts too: the budget lines, with amounts in kronor
    parts = [(hist.index(r, 2).data(), hist.index(r, 4).data(), hist.index(r, 6).data()) for r in range(hist.rowCount())]
    assert any(what == "Tillagd" and field == "Budgetrad" and after.endswith(" kr") for what, field, after in parts), parts
    svc = window.ctx.services.portfolio.get(tab._current_id, TODAY)  # type: ignore[arg-type]
    assert svc.stage == Stage.PAGAENDE and svc.budget_total_ore == 25_000_050


# ---- the tree --------------------------------------------------------------------------
def test_tree_model_passes_modeltester(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, window)
    assert isinstance(tab.model, PortfolioTreeModel)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    # programs and profile areas hold their activities: listed right below them, indented
    prog = tab.model.index_of_id(tab.model.rows()[0].id)
    assert prog.data() == "Hållbar stadsutveckling"
    assert prog.data(OUTLINE_ROLE) == Outline(level=0, has_children=True, expanded=True)
    below = [tab.model.index(prog.row() + i, 0) for i in (1, 2, 3)]
    assert [i.data() for i in below[:2]] == ["Klimatanpassade skolgårdar", "Cirkulära byggmaterial i kommunala fastigheter"]
    assert [i.data(OUTLINE_ROLE).level for i in below] == [1, 1, 0]
    assert tab.count_label.text() == "16 aktiviteter"


def test_filters_narrow_the_rows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, window)
    qtbot.keyClicks(tab.filter_edit, "skol")
    qtbot.waitUntil(lambda: "Energieffektiv belysning i offentlig miljö" not in titles(tab))
    # any visible text matches (titles, administrations, agreements: "högskola"); the program
    # stays as the parent of its matching project
    assert titles(tab) == ["Hållbar stadsutveckling", "Klimatanpassade skolgårdar", "Skolnärvaro och psykisk hälsa",
                           "Språkutveckling i förskolan", "Kompetensförsörjning i äldreomsorgen"]
    assert tab.count_label.text() == "4 av 16 aktiviteter visas"
    qtbot.keyClicks(tab.filter_edit, "g")  # "skolg"
    qtbot.waitUntil(lambda: len(titles(tab)) == 2)
    assert titles(tab) == ["Hållbar stadsutveckling", "Klimatanpassade skolgårdar"]
    tab.filter_edit.clear()
    qtbot.waitUntil(lambda: len(titles(tab)) == 16)
    choose(tab.stage_filter, "pågående")
    assert {r[COL_STAGE] for r in tree_rows(tab)} == {"pågående"}
    assert titles(tab) == ["Hållbar stadsutveckling", "Klimatanpassade skolgårdar", "Digital välfärd",
                           "Ledarskapsprogram i innovationsledning", "Kompetensförsörjning i äldreomsorgen"]
    choose(tab.agreement_filter, "Strategiskt partnerskap Huddinge kommun – Södertörns högskola")
    assert titles(tab) == ["Kompetensförsörjning i äldreomsorgen"]
    choose(tab.stage_filter, "avslag")
    assert titles(tab) == [] and tab.empty_label.text() == "Ingen aktivitet matchar filtret."
    click(qtbot, tab.clear_filters_button)
    assert len(titles(tab)) == 16
    # year = activities running in that year; administration; kind
    choose(tab.year_filter, "2024")
    assert titles(tab) == ["Folkhälsodata för planering"]
    choose(tab.year_filter, "Alla år")
    choose(tab.admin_filter, "Förvaltningen Förskola och skola")
    assert titles(tab) == ["Hållbar stadsutveckling", "Klimatanpassade skolgårdar", "Skolnärvaro och psykisk hälsa",
                           "Språkutveckling i förskolan"]
    choose(tab.kind_filter, "program")
    assert titles(tab) == []


def test_budget_grid_shows_totals_in_kronor(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                            messenger: RecordingMessenger) -> None:
    tab = open_tab(qtbot, window)
    click_activity(qtbot, tab, "Klimatanpassade skolgårdar")
    show_section(qtbot, tab, SEC_BUDGET)
    grid = budget_cells(tab)
    headers = [tab.budget.view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(len(grid[0]))]
    assert headers == ["Kostnadsslag", "Källa", "2025", "2026", "2027", "Summa"]
    assert grid[0] == ["löner", "samverkansavtalets medel", "420 000 kr", "420 000 kr", "420 000 kr", "1 260 000 kr"]
    assert grid[-1] == ["Summa", "", "725 000 kr", "725 000 kr", "725 000 kr", "2 175 000 kr"]
    assert row_of(tab, "Klimatanpassade skolgårdar")[COL_BUDGET] == "2 175 000 kr"
    # bad input stays out of the grid, with the reason in Swedish; nothing is saved
    type_budget_cell(qtbot, tab, 0, 2, "mycket")
    assert tab.budget.error_label.isVisible()
    assert tab.budget.error_label.text().startswith("Budget, belopp: 'mycket' är inte ett belopp")
    assert budget_cells(tab)[0][2] == "420 000 kr"
    type_budget_cell(qtbot, tab, 0, 2, "-5")
    assert tab.budget.error_label.text() == "Budget, belopp: får inte vara negativt"
    # a changed amount moves the totals at once and is saved with Ctrl+S
    type_budget_cell(qtbot, tab, 0, 2, "400 000")
    assert not tab.budget.error_label.isVisible()
    assert budget_cells(tab)[-1][-1] == "2 155 000 kr"
    # Delete in the grid empties the selected cell (it never deletes the activity)
    view = tab.budget.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(4, 4)).center())
    view.setFocus()
    n_shown = len(messenger.shown)
    window.extra_actions["delete"].trigger()  # Delete
    assert len(messenger.shown) == n_shown  # no "delete the activity?" question
    assert budget_cells(tab)[4][4] == "" and budget_cells(tab)[-1][-1] == "2 140 000 kr"
    window.extra_actions["save"].trigger()  # Redigera › Spara (Ctrl+S)
    wait_tasks(qtbot, window)
    aid = tab._current_id
    assert aid is not None
    assert window.ctx.services.portfolio.get(aid, TODAY).budget_total_ore == 214_000_000
    assert row_of(tab, "Klimatanpassade skolgårdar")[COL_BUDGET] == "2 140 000 kr"


def test_overdue_report_is_shown_and_can_be_registered(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, window)
    row = row_of(tab, "Klimatanpassade skolgårdar")
    assert row[COL_NEXT_REPORT] == "2026-04-01"
    idx = tab.model.index_of_id(next(r.id for r in tab.model.rows() if r.title == "Klimatanpassade skolgårdar"),
                                COL_NEXT_REPORT)
    assert idx.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    click_activity(qtbot, tab, "Klimatanpassade skolgårdar")
    show_section(qtbot, tab, SEC_FOLLOWUP)
    reports = tab.report_view.model()
    first = [reports.index(0, c).data() for c in range(reports.columnCount())]
    assert first[:2] == ["årsrapport", "2026-04-01"] and first[-1] == "Försenad"
    assert reports.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert tab.report_summary.text().startswith("1 rapport försenad")
    # register it received and approved through the dialog
    tab.report_view.setCurrentIndex(reports.index(0, 0))
    click(qtbot, tab.report_button)
    dlg = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReportDialog) and w.isVisible())
    dlg.received.clear()
    qtbot.keyClicks(dlg.received, "2026-11-20")
    choose(dlg.approved, "Godkänd")
    click(qtbot, dlg.buttons.button(dlg.buttons.StandardButton.Ok))
    assert not dlg.isVisible()
    first = [reports.index(0, c).data() for c in range(reports.columnCount())]
    assert first[2] == "2026-11-20" and first[-1] == "Godkänd"
    assert not tab.report_summary.text().startswith("1 rapport försenad")
    wait_tasks(qtbot, window)
    assert row_of(tab, "Klimatanpassade skolgårdar")[COL_NEXT_REPORT] == "2027-02-28"


def test_money_gate_refuses_disbursement_until_both_have_signed(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                 messenger: RecordingMessenger) -> None:
    tab = open_tab(qtbot, window)
    click_activity(qtbot, tab, "Språkutveckling i förskolan")  # granted, only the rektor has signed
    show_section(qtbot, tab, SEC_DECISIONS)
    assert tab.rektor_status.text().startswith("Undertecknat ")
    assert tab.muni_status.text() == "Ej undertecknat"
    decisions = tab.decision_view.model()
    assert {decisions.index(r, 1).data() for r in range(decisions.rowCount())} == {"kommungemensam beredning",
                                                                                  "styrgrupp"}
    assert all(decisions.index(r, 2).data().startswith("§ ") for r in range(decisions.rowCount()))

    click(qtbot, tab.disbursement_button)
    dlg = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DisbursementDialog) and w.isVisible())
    qtbot.keyClicks(dlg.amount, "100 000")
    ok = dlg.buttons.button(dlg.buttons.StandardButton.Ok)
    click(qtbot, ok)
    assert last_warning(messenger) == ("Att föra över medel går inte ännu: beslutsunderlaget är inte undertecknat "
                                       "av kommundirektör/kommunbolagschef.")
    assert dlg.isVisible() and dlg.summary.text() == last_warning(messenger)
    dlg.reject()
    assert tab.disbursement_model.rowCount() == 0

    click(qtbot, tab.muni_button)
    assert tab.muni_status.text() == f"Undertecknat {TODAY.isoformat()}"
    click(qtbot, tab.disbursement_button)
    dlg = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DisbursementDialog) and w.isVisible())
    qtbot.keyClicks(dlg.amount, "100 000")
    click(qtbot, dlg.buttons.button(dlg.buttons.StandardButton.Ok))
    assert not dlg.isVisible()
    money = tab.disbursement_view.model()
    assert [money.index(0, c).data() for c in range(3)] == [TODAY.isoformat(), "samverkansavtalets medel",
                                                            "100 000 kr"]
    assert "överfört 100 000 kr" in tab.money_summary.text()


def test_delete_asks_first_and_navigation_opens_the_record(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                            messenger: RecordingMessenger) -> None:
    tab = open_tab(qtbot, window)
    ident = next(r.id for r in tab.model.rows() if r.title == "Unga vuxnas väg till arbete")
    window.navigate("activity", ident)
    assert window.tabs.currentWidget() is tab
    assert tab.title_label.text() == "Unga vuxnas väg till arbete"
    assert tab.tree.currentIndex().data(ID_ROLE) == ident
    messenger.answer = False
    tab.tree.setFocus()
    tab.delete_selected()
    assert messenger.shown[-1][0] == "confirm"
    assert "Unga vuxnas väg till arbete" in titles(tab)
    messenger.answer = True
    tab.delete_selected()
    wait_tasks(qtbot, window)
    assert "Unga vuxnas väg till arbete" not in titles(tab)
    assert tab.right.currentWidget() is tab.placeholder
    # an activity with decisions is refused, in Swedish
    click_activity(qtbot, tab, "Klimatanpassade skolgårdar")
    click(qtbot, tab.delete_button)
    assert last_warning(messenger) == "Aktivitet: har beslut och kan inte tas bort; avsluta den i stället"
    assert "Klimatanpassade skolgårdar" in titles(tab)


def test_unsaved_changes_are_not_lost_silently(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                               messenger: RecordingMessenger) -> None:
    tab = open_tab(qtbot, window)
    click_activity(qtbot, tab, "Trygghet i centrum")
    qtbot.keyClicks(tab.form.title, " 2")
    assert tab.dirty_label.isVisible()
    messenger.answer = False
    m = tab.tree.model()
    target = next(m.index(r, 0) for r in range(m.rowCount()) if m.index(r, 0).data() == "Unga vuxnas väg till arbete")
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=tab.tree.visualRect(target).center())
    assert messenger.shown[-1][0] == "confirm"
    assert tab.title_label.text() == "Trygghet i centrum" and tab.form.title.text() == "Trygghet i centrum 2"
    assert tab.tree.currentIndex().data() == "Trygghet i centrum"
    # a bad date is shown beside its field and nothing is saved
    qtbot.keyClicks(tab.form.start, "2027-13-01")
    click(qtbot, tab.save_button)
    assert field_error(tab.form.start).startswith("Startdatum")
    assert row_of(tab, "Trygghet i centrum")[0] == "Trygghet i centrum"


def test_empty_database_shows_a_friendly_start(qtbot, empty_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, empty_window)
    assert tab.list_stack.currentWidget() is tab.empty_label
    assert "Ny förstudie" in tab.empty_label.text()
    assert tab.right.currentWidget() is tab.placeholder
    assert tab.count_label.text() == "0 aktiviteter"
    click(qtbot, tab.placeholder_new_button)
    assert tab.title_label.text() == "Ny förstudie"
    type_text(qtbot, tab.form.title, "Första förstudien")
    click(qtbot, tab.save_button)
    wait_tasks(qtbot, empty_window)
    assert titles(tab) == ["Första förstudien"] and tab.count_label.text() == "1 aktivitet"


def test_an_activity_shown_from_another_tab_is_read_off_the_gui_thread(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Navigating to an activity before the portfolio has loaded: its detail is read with the
    list on the task runner, so showing it runs no query on the GUI thread."""
    import threading

    from sqlalchemy import event

    sv = window.ctx.services
    ident = next(r.id for r in sv.portfolio.list_rows(TODAY) if r.title == "Klimatanpassade skolgårdar")
    on_gui_thread: list[str] = []

    def seen(conn, cursor, statement, *_: object) -> None:  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            on_gui_thread.append(statement)

    event.listen(sv.db.engine, "before_cursor_execute", seen)
    try:
        window.navigate("activity", ident)
        tab = window.portfolio
        qtbot.waitUntil(lambda: tab.title_label.text() == "Klimatanpassade skolgårdar", timeout=10_000)
        wait_tasks(qtbot, window)
    finally:
        event.remove(sv.db.engine, "before_cursor_execute", seen)
    assert tab.tree.currentIndex().data(ID_ROLE) == ident
    assert on_gui_thread == [], "\n".join(s[:90] for s in on_gui_thread)


def test_detail_pane_is_built_on_first_use_with_the_pickers_filled(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The tab shows its list before the detail pane (two thirds of its widgets) exists; opening
    an activity builds it, with the pickers the list load brought, and Tab goes from the list
    into the pane."""
    window._stop_prebuild()  # the window's background building would add the pane after a pause
    tab = open_tab(qtbot, window)
    assert not tab._detail_built
    assert tab.findChild(QWidget, "activityTitle") is None
    assert tab.right.currentWidget() is tab.placeholder and tab.placeholder_label.text().startswith("Välj en aktivitet")
    click_activity(qtbot, tab, "Klimatanpassade skolgårdar")
    assert tab._detail_built and tab.title_label.text() == "Klimatanpassade skolgårdar"
    agreements = [tab.form.agreement.itemText(i) for i in range(tab.form.agreement.count())]
    assert any("LOFT" in a for a in agreements)
    focusable = tab_order(tab.tree)
    assert focusable.index("activityTitle") < focusable.index("saveActivity")
    assert "portfolioFilter" not in focusable[:focusable.index("activityTitle")]
