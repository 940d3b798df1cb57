"""Arkiv → Exportera portfölj and Importera portfölj as the analyst uses them: export in the
background, preview an edited workbook, import only after confirming."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from samverkan_desktop.ui.main_window import MainWindow

from .conftest import TODAY, wait_tasks


def test_export_edit_preview_and_import(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.excel_actions()
    actions = window._excel
    out = tmp_path / "Portfölj för KS.xlsx"
    actions.ctx.messenger.answer = False  # do not open the file afterwards
    actions.export_to(out)
    wait_tasks(qtbot, window, 60_000)
    assert out.exists()
    wb = openpyxl.load_workbook(out)
    assert "Portfölj" in wb.sheetnames and "Sammanfattning" in wb.sheetnames
    ws = wb["Portfölj"]
    header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    title_col = header.index("Titel") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, title_col).value == "Trygghet i centrum")
    ws.cell(row, title_col).value = "Trygghet i centrum och i stadsdelarna"
    edited = tmp_path / "redigerad.xlsx"
    wb.save(edited)

    actions.preview(edited)
    wait_tasks(qtbot, window, 60_000)
    dlg = actions.last_preview
    assert dlg is not None and dlg.isVisible()
    assert "Trygghet i centrum och i stadsdelarna" in dlg.report.toPlainText()
    assert dlg.import_button.isEnabled()
    dlg.import_button.click()
    wait_tasks(qtbot, window, 60_000)
    titles = [r.title for r in window.ctx.services.portfolio.list_rows(TODAY)]
    assert "Trygghet i centrum och i stadsdelarna" in titles and "Trygghet i centrum" not in titles
