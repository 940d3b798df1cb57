"""The board's portfolio workbook: every sheet read back with openpyxl (values, types, number
formats, print setup), its figures checked against the services, and the Förändringar sheet."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan_desktop.domain.catalog import CostKind, FundingSource, OrgKind
from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.exporters import workbook as wbmod
from samverkan_desktop.exporters.portfolio_layout import PORTFOLIO_COLUMNS, TOTALS_LABEL
from samverkan_desktop.exporters.progress import Cancelled, Progress, run_to_end
from samverkan_desktop.exporters.workbook import SHEETS, ExportError, export_portfolio
from samverkan_desktop.services import Services
from samverkan_desktop.services.export_data import ExportDataService, ExportScope
from samverkan_desktop.services.portfolio import ActivityInput, BudgetCell

TODAY = date(2026, 11, 28)


def export(sv: Services, path: Path, **kw: object) -> wbmod.ExportResult:
    return run_to_end(export_portfolio(sv, path, TODAY, **kw))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo_book(demo_template: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One export of the demo data, read by the tests that only look at it."""
    import shutil

    from samverkan_desktop.db.database import Database

    d = tmp_path_factory.mktemp("demo_book")
    shutil.copyfile(demo_template, d / "demo.sqlite")
    db = Database(d / "demo.sqlite")
    sv = Services.build(db)
    result = export(sv, d / "portfolj.xlsx")
    yield sv, result, load_workbook(d / "portfolj.xlsx")
    db.dispose()


def header_map(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    row = 5 if ws.title == "Sammanfattning" else 1
    return {c.value: c.column for c in ws[row] if c.value is not None}


def data_rows(ws, first: int = 2) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Rows from `first` up to the blank row before the totals."""
    out = []
    for row in ws.iter_rows(min_row=first):
        if all(c.value is None for c in row):
            break
        out.append(row)
    return out


def test_every_sheet_is_there_in_order_with_bold_frozen_filtered_headers(demo_book) -> None:  # type: ignore[no-untyped-def]
    sv, result, wb = demo_book
    assert wb.sheetnames == list(SHEETS)
    assert result.rows[wbmod.PORTFOLIO_SHEET] == 16
    for ws in wb.worksheets:
        hr = 5 if ws.title == "Sammanfattning" else 1
        header = [c for c in ws[hr] if c.value is not None]
        assert header and all(c.font.b for c in header), ws.title
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith(str(hr + 1)), ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{hr}:"), ws.title
        # Sammanfattning's tables have headers of their own: the first one's is not repeated on paper
        assert ws.print_title_rows == (None if ws.title == "Sammanfattning" else f"${hr}:${hr}"), ws.title
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert "Sida &P av &N" in ws.oddFooter.center.text
        assert ws.title in ws.oddHeader.center.text and "Uttaget 2026-11-28" in ws.oddHeader.right.text
        for letter, dim in ws.column_dimensions.items():
            assert dim.width is None or 4 <= dim.width <= 60, (ws.title, letter, dim.width)
        if ws.title != "Sammanfattning":  # each sheet has rows (Förändringar: the "first export" line)
            assert len(data_rows(ws)) >= 1, ws.title


def test_every_sheet_prints_legibly_on_one_a4_landscape_width(demo_book) -> None:  # type: ignore[no-untyped-def]
    """Fitted to the page width at 70 % or more (Calibri 11 prints at 7.7 pt or larger): the columns
    on paper are the sheet's used columns less the hidden ones."""
    from openpyxl.utils import get_column_letter

    _, _, wb = demo_book
    for ws in wb.worksheets:
        hr = 5 if ws.title == "Sammanfattning" else 1
        used = [get_column_letter(c.column) for c in ws[hr] if c.value is not None]
        printed = [ws.column_dimensions[letter].width for letter in used if not ws.column_dimensions[letter].hidden]
        assert wbmod.print_scale(printed) >= 70, (ws.title, wbmod.print_scale(printed))
        assert ws.page_margins.left == ws.page_margins.right == wbmod.MARGIN_SIDE_IN
    assert wbmod.print_scale([10] * 40) < 70 <= wbmod.print_scale([10] * 20)  # the estimate itself
    # Portfölj: the board's columns are printed; budget per source and case numbers are a collapsed
    # group (Excel's + shows them), Version is hidden
    ws = wb["Portfölj"]
    h = header_map(ws)
    detail = {c.header for c in PORTFOLIO_COLUMNS if c.detail}
    assert {"Budget avtalsmedel", "Diarienr (aktivitet)", "Diarienr (avtal)"} <= detail
    for header, col in h.items():
        dim = ws.column_dimensions[get_column_letter(col)]
        assert bool(dim.hidden) == (header in detail or header == "Version"), header
        assert (dim.outline_level == 1) == (header in detail), header
    after = max(h[d] for d in detail) + 1  # the group's + button sits on the column after it
    assert ws.column_dimensions[get_column_letter(after)].collapsed and ws.sheet_format.outlineLevelCol == 1
    avtal = wb["Avtal"]
    hidden = {c.value for c in avtal[1] if avtal.column_dimensions[c.column_letter].hidden}
    assert hidden == {"Vår organisation", "Fakturor per år"}


def test_portfolio_sheet_holds_the_services_figures_with_real_types(demo_book) -> None:  # type: ignore[no-untyped-def]
    sv, _, wb = demo_book
    ws = wb["Portfölj"]
    h = header_map(ws)
    assert list(h) == [c.header for c in PORTFOLIO_COLUMNS]
    rows = {r[0].value: r for r in data_rows(ws)}
    listed = {r.id: r for r in sv.portfolio.list_rows(TODAY)}
    assert set(rows) == set(listed)
    for aid, row in rows.items():
        lr = listed[aid]
        cell = {name: row[col - 1] for name, col in h.items()}
        assert cell["Titel"].value == lr.title and cell["Titel"].data_type == "s"
        assert cell["Steg"].value == lr.stage.value
        total = cell["Budget totalt"]
        assert total.value == lr.budget_total_ore // 100 and total.data_type == "n"
        assert total.number_format == '[$-41D]#,##0 "kr"'
        if lr.start is not None:
            assert cell["Start"].value == datetime.combine(lr.start, datetime.min.time())
            assert cell["Start"].number_format == "yyyy-mm-dd"
        if lr.next_report_due is not None:
            assert cell["Nästa rapport"].value.date() == lr.next_report_due
        detail = sv.portfolio.get(aid, TODAY)
        by_source = {s: 0 for s in FundingSource}
        for b in detail.budget:
            by_source[b.source] += b.amount_ore
        for col in PORTFOLIO_COLUMNS:
            if col.key.startswith("budget_") and col.key != "budget_total":
                v = cell[col.header].value
                assert (v or 0) == by_source[FundingSource[col.key[7:]]] // 100
        assert cell["Version"].value == detail.version
    version_letter = ws.cell(row=1, column=h["Version"]).column_letter
    assert ws.column_dimensions[version_letter].hidden  # Version: for the importer, not printed


def test_totals_are_subtotal_formulas_over_the_data_and_no_user_text_is_a_formula(demo_book) -> None:  # type: ignore[no-untyped-def]
    _, _, wb = demo_book
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert c.value.startswith("=SUBTOTAL(109,"), (ws.title, c.coordinate, c.value)
    ws = wb["Portfölj"]
    h = header_map(ws)
    last = 1 + len(data_rows(ws))
    totals = [r for r in ws.iter_rows() if any(c.value == TOTALS_LABEL for c in r)]
    assert len(totals) == 1
    col = h["Budget totalt"]
    f = totals[0][col - 1]
    letter = f.column_letter
    assert f.value == f"=SUBTOTAL(109,{letter}2:{letter}{last})"
    assert ws.auto_filter.ref.endswith(str(last))  # the totals row is outside the filter: always visible


def test_summary_matches_the_budget_service(demo_book) -> None:  # type: ignore[no-untyped-def]
    sv, _, wb = demo_book
    ws = wb["Sammanfattning"]
    assert ws["A1"].value.startswith("Samverkansportfölj")
    assert "första exporten" in ws["A3"].value
    h = header_map(ws)
    overview = sv.budget.overview(TODAY)
    rows = {r[0].value: r for r in data_rows(ws, 6)}
    for a in sv.agreements.list_rows(TODAY):
        row = rows[a.title]
        mine = [y for y in overview.rows if y.agreement_id == a.id]
        assert row[h["Tilldelat"] - 1].value == sum(y.allocated_ore for y in mine) // 100
        assert row[h["Överfört"] - 1].value == sum(y.disbursed_ore for y in mine) // 100
        assert row[h["Kvar att föra över"] - 1].value == sum(y.remaining_ore for y in mine) // 100
        assert row[h["Fakturerat"] - 1].value == sum(y.fees_invoiced_ore for y in mine) // 100
        assert row[h["Medfinansiering"] - 1].value == sum(y.co_financing_ore for y in mine) // 100
        assert row[h["Naturainsats"] - 1].value == sum(y.in_kind_ore for y in mine) // 100
        assert row[h["Årsavgift"] - 1].value == a.annual_fee_ore // 100
    counts = sum(r[h["Aktiviteter"] - 1].value for r in rows.values())
    assert counts == len(sv.portfolio.list_rows(TODAY))


def test_chart_document_properties_and_company(demo_book) -> None:  # type: ignore[no-untyped-def]
    path = demo_book[1].path
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert any(n.startswith("xl/charts/chart") for n in names)
        app = z.read("docProps/app.xml").decode()
        assert "<Company>Enköpings kommun, Huddinge kommun, Örebro kommun</Company>" in app
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
        assert "<drawing" in sheet1
    wb = load_workbook(path)
    assert wb.properties.title == "Samverkansportfölj 2026-11-28"
    assert "kommunstyrelsen" in wb.properties.subject
    assert wb.properties.creator


def test_money_is_exact_kronor_and_oren_as_decimal(sv: Services, tmp_path: Path) -> None:
    sv.people.save_organisation("Testkommun", OrgKind.KOMMUN, is_own=True)
    aid = sv.portfolio.create(ActivityInput(kind=ActivityKind.PROJEKT, title="Öresprojekt", start=date(2026, 1, 1),
                                            end=date(2026, 12, 31)), TODAY)
    sv.portfolio.set_budget(aid, [BudgetCell(2026, CostKind.LON, FundingSource.AVTALSMEDEL, 7_500_050),
                                  BudgetCell(2026, CostKind.RESOR, FundingSource.AVTALSMEDEL, 123_456_789_01)])
    path = tmp_path / "o.xlsx"
    export(sv, path)
    ws = load_workbook(path)["Portfölj"]
    h = header_map(ws)
    row = data_rows(ws)[0]
    cell = row[h["Budget avtalsmedel"] - 1]
    assert Decimal(str(cell.value)) == Decimal("123531789.51")  # 123 456 789,01 + 75 000,50 kr
    assert cell.number_format == '[$-41D]#,##0.00 "kr"'


def test_export_is_write_only_streaming(demo_sv: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    real = wbmod.Workbook

    def spy(*a, **kw):  # type: ignore[no-untyped-def]
        seen.append(kw.get("write_only"))
        return real(*a, **kw)

    monkeypatch.setattr(wbmod, "Workbook", spy)
    export(demo_sv, tmp_path / "s.xlsx")
    assert seen == [True]


def test_changes_sheet_shows_what_changed_since_the_previous_export_of_the_same_scope(
        demo_sv: Services, tmp_path: Path) -> None:
    sv = demo_sv
    first = export(sv, tmp_path / "1.xlsx")
    assert first.baseline is None and first.snapshot_id is not None
    rows = {r.title: r for r in sv.portfolio.list_rows(TODAY)}
    # a new activity, a stage change, a changed amount, a moved period and a new decision
    new_id = sv.portfolio.create(ActivityInput(kind=ActivityKind.FORSTUDIE, title="Ny förstudie om bibliotek",
                                               agreement_id=rows["Trygghet i centrum"].agreement_id), TODAY)
    sv.portfolio.move_stage(rows["Trygghet i centrum"].id, Stage.ANSOKAN, on=TODAY)
    skol = sv.portfolio.get(rows["Klimatanpassade skolgårdar"].id, TODAY)
    sv.portfolio.add_allocation(skol.id, 2027, FundingSource.AVTALSMEDEL, 10_000_000, TODAY)
    sv.portfolio.update(skol.id, sv.portfolio.get(skol.id, TODAY).version,
                        replace(skol.data, end=date(2027, 6, 30)), TODAY)
    meeting = next(m for m in sv.meetings.list_rows() if m.held_on > TODAY + timedelta(days=30)
                   and m.status.name == "PLANERAT")
    md = sv.meetings.get(meeting.id)
    sv.meetings.update(meeting.id, md.version, replace(md.data, held_on=md.data.held_on + timedelta(days=7)))
    sv.portfolio.delete(rows["Unga vuxnas väg till arbete"].id)
    agreement_id = sv.agreements.list_rows(TODAY)[0].id
    sv.agreements.add_decision(agreement_id, "Kommunstyrelsen", TODAY, "Informationen noteras", "§ 300", "KS2021/812")
    second = export(sv, tmp_path / "2.xlsx")
    assert second.baseline is not None and second.baseline.id == first.snapshot_id
    ws = load_workbook(tmp_path / "2.xlsx")["Förändringar"]
    got = [(r[0].value, r[2].value, r[3].value) for r in data_rows(ws)]
    kinds = {k for k, _, _ in got}
    assert ("Ny aktivitet", new_id, "Ny förstudie om bibliotek") in got
    assert ("Stegbyte", rows["Trygghet i centrum"].id, "Trygghet i centrum") in got
    assert ("Borta ur urvalet", rows["Unga vuxnas väg till arbete"].id, "Unga vuxnas väg till arbete") in got
    assert {"Ändrat belopp", "Ändrad period", "Nytt beslut", "Flyttad tidsfrist"} <= kinds, got
    money = [r for r in data_rows(ws) if r[0].value == "Ändrat belopp" and r[4].value == "tilldelat"]
    assert money and money[0][7].value == 100_000 and money[0][5].number_format.endswith('"kr"')
    moved = [r for r in data_rows(ws) if r[0].value == "Ändrad period"]
    assert moved[0][5].value.date() == date(2027, 2, 28) and moved[0][6].value.date() == date(2027, 6, 30)
    summary = load_workbook(tmp_path / "2.xlsx")["Sammanfattning"]
    assert f"{second.changes} st" in summary["A3"].value
    # nothing changed since: the third export says so
    third = export(sv, tmp_path / "3.xlsx")
    assert third.changes == 0
    ws3 = load_workbook(tmp_path / "3.xlsx")["Förändringar"]
    assert ws3["A2"].value.startswith("Inga förändringar")


def test_scopes_are_compared_separately_and_filter_the_content(demo_sv: Services, tmp_path: Path) -> None:
    sv = demo_sv
    agreements = sv.agreements.list_rows(TODAY)
    sam = next(a for a in agreements if a.title.startswith("Samverkansavtal"))
    export(sv, tmp_path / "all.xlsx")
    r = export(sv, tmp_path / "sam.xlsx", agreement_id=sam.id)
    assert r.baseline is None  # another scope: its own first export
    wb = load_workbook(tmp_path / "sam.xlsx")
    titles = {row[4].value for row in data_rows(wb["Portfölj"])}
    assert titles == {sam.title}
    assert [row[1].value for row in data_rows(wb["Avtal"])] == [sam.title]
    y = export(sv, tmp_path / "y.xlsx", year=2026)
    assert y.scope_text == "alla avtal, år 2026"
    wy = load_workbook(tmp_path / "y.xlsx")
    assert {row[1].value for row in data_rows(wy["Ekonomi"])} == {2026}
    assert all(row[0].value.year == 2026 for row in data_rows(wy["Möten och beslut"]))
    assert all(row[6].value.year == 2026 for row in data_rows(wy["Uppföljning"]))
    with pytest.raises(Exception, match="finns inte"):
        export(sv, tmp_path / "x.xlsx", agreement_id=9999)
    with pytest.raises(Exception, match="rimligt år"):
        export(sv, tmp_path / "x.xlsx", year=12)


def test_progress_cancel_and_atomic_replace(demo_sv: Services, tmp_path: Path) -> None:
    tmp_path = tmp_path / "ut"
    tmp_path.mkdir()
    path = tmp_path / "p.xlsx"
    path.write_bytes(b"old")
    gen = export_portfolio(demo_sv, path, TODAY, cancelled=lambda: True)
    with pytest.raises(Cancelled):
        for p in gen:
            assert isinstance(p, Progress)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.xlsx"]  # no temporary file left behind
    # closing the generator early also leaves nothing behind
    gen = export_portfolio(demo_sv, path, TODAY)
    next(gen)
    gen.close()
    assert [p.name for p in tmp_path.iterdir()] == ["p.xlsx"]
    seen: list[Progress] = []
    result = run_to_end(export_portfolio(demo_sv, path, TODAY), seen.append)
    assert result.path == path and path.read_bytes()[:2] == b"PK"
    assert seen[-1].done == seen[-1].total and seen[-1].message == "Klart"
    with pytest.raises(ExportError, match="finns inte"):
        run_to_end(export_portfolio(demo_sv, tmp_path / "nej" / "p.xlsx", TODAY))


def test_unreadable_snapshot_documents_are_no_baseline() -> None:
    import zlib

    from samverkan_desktop.services.export_data import ChangeTracker, MeetingLine

    for doc in (b"", b"garbage", zlib.compress(b'{"format": 99}\n'), zlib.compress(b"[1,2,3]\n"),
                zlib.compress(b'{"format": 2}\n["d", 5]\n')[:-4]):  # the last one is cut short
        tracker = ChangeTracker(doc, TODAY)
        assert not tracker.has_baseline, doc
        tracker.close()
    # malformed lines are skipped; what can be read is compared
    tracker = ChangeTracker(zlib.compress(b'{"format": 2}\n["a", "x"]\n["a", 1, "t", "IDE", null, null, [0,0,0,0,0],'
                                          b' 0, 0, "PROJEKT"]\n["d", 5]\n{"odd": true}\n'), TODAY)
    assert tracker.has_baseline
    for decision_id in (5, 6):
        tracker.decision(MeetingLine("beslut", TODAY, "styrgrupp", "§ 1", f"Beslut {decision_id}", "", None, "", "",
                                     "", "", "", decision_id))
    _, n = tracker.finish()
    assert [(c.kind, c.ref_id, c.title) for c in tracker.changes()] == [
        ("Nytt beslut", None, "Beslut 6"), ("Borta ur urvalet", 1, "t")] and n == 2
    tracker.close()


def test_snapshots_are_pruned_and_unreadable_ones_ignored(demo_sv: Services, tmp_path: Path) -> None:
    from sqlalchemy import func, select, update

    from samverkan_desktop.models import ExportSnapshot
    from samverkan_desktop.services import export_data

    data = ExportDataService(demo_sv.db)
    for _ in range(export_data.SNAPSHOTS_KEPT + 2):
        data.save_snapshot(ExportScope(), TODAY, b"x", 0)
    with demo_sv.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ExportSnapshot)) == export_data.SNAPSHOTS_KEPT
    with demo_sv.db.writing() as s:
        s.execute(update(ExportSnapshot).values(data=b"not zlib"))
    r = export(demo_sv, tmp_path / "p.xlsx")
    assert r.baseline is None and r.changes == 0  # an unreadable baseline is treated as none


def test_cli_export_portfolio(demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from samverkan_desktop.cli import main

    db = tmp_path / "d.sqlite"
    shutil.copyfile(demo_template, db)
    out = tmp_path / "k.xlsx"
    assert main(["--db", str(db), "--today", "2026-11-28", "export", "portfolio", "--out", str(out),
                 "--year", "2026"]) == 0
    text = capsys.readouterr().out
    assert "Arbetsboken skriven" in text and "Portfölj" in text and out.exists()
    assert main(["--db", str(db), "--today", "2026-11-28", "export", "portfolio", "--out",
                 str(tmp_path / "x" / "k.xlsx")]) == 1
    assert "finns inte" in capsys.readouterr().err


def test_export_when_the_file_is_locked_gives_a_clear_message(demo_sv: Services, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(wbmod.os, "replace", locked)
    out = tmp_path / "ut"
    out.mkdir()
    with pytest.raises(ExportError, match="öppen i Excel"):
        export(demo_sv, out / "p.xlsx")
    assert list(out.iterdir()) == []


def test_file_system_errors_are_described_in_swedish(demo_sv: Services, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The operating system's own words are English ("[Errno 28] No space left on device"): the
    user reads what happened in Swedish, with the file or folder named, and nothing is left."""
    import errno

    out = tmp_path / "ut"
    out.mkdir()

    def disk_full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wbmod.os, "replace", disk_full)
    with pytest.raises(ExportError) as err:
        export(demo_sv, out / "p.xlsx")
    assert str(err.value) == f"Arbetsboken kunde inte sparas som {out / 'p.xlsx'}: disken är full."
    assert list(out.iterdir()) == []
    monkeypatch.undo()

    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(wbmod.tempfile, "mkstemp", read_only)
    with pytest.raises(ExportError) as err:
        export(demo_sv, out / "p.xlsx")
    assert str(err.value) == f"Arbetsboken kan inte skrivas i mappen {out}: disken är skrivskyddad."


def test_deadlines_and_reports_sheets(demo_book) -> None:  # type: ignore[no-untyped-def]
    sv, _, wb = demo_book
    ws = wb["Deadlines"]
    radar = sv.deadlines.radar(TODAY, 365)
    rows = data_rows(ws)
    assert len(rows) == len(radar)
    assert [r[0].value.date() for r in rows] == [d.due for d in radar]
    assert all(r[1].value == (r[0].value.date() - TODAY).days for r in rows)
    rep = wb["Uppföljning"]
    h = header_map(rep)
    overdue = [r for r in data_rows(rep) if r[h["Försenad"] - 1].value == "ja"]
    assert overdue and all(r[h["Dagar sen"] - 1].value > 0 for r in overdue)
    assert all(r[h["Ska in"] - 1].value.date() < TODAY for r in overdue)
    meetings = wb["Möten och beslut"]
    kinds = {r[2].value for r in data_rows(meetings)}
    assert kinds == {"möte", "beslut"}
    ks = [r for r in data_rows(meetings) if r[3].value == "§ 229"]
    assert ks and ks[0][1].value == "Kommunstyrelsen" and ks[0][0].value.date() == date(2021, 11, 23)
