"""Importing a portfolio workbook: export → edit in Excel → import updates exactly the edited
records; the simple template for a first import; preview first, then one transaction."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from samverkan_desktop.domain.catalog import AgreementKind, AgreementStatus, CostKind, FundingSource, OrgKind
from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.exporters.portfolio_import import ImportPreview, apply_import, preview_import
from samverkan_desktop.exporters.portfolio_layout import TEMPLATE_COLUMNS
from samverkan_desktop.exporters.progress import run_to_end
from samverkan_desktop.exporters.template import template_path, write_template
from samverkan_desktop.exporters.workbook import export_portfolio
from samverkan_desktop.models import Activity, BudgetLine, ChangeLog, Person
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput
from samverkan_desktop.services.errors import ConflictError, ValidationError
from samverkan_desktop.services.portfolio import ActivityInput

TODAY = date(2026, 11, 28)


def export(sv: Services, path: Path) -> Path:
    run_to_end(export_portfolio(sv, path, TODAY))
    return path


def preview(sv: Services, path: Path) -> ImportPreview:
    return run_to_end(preview_import(sv, path, TODAY))


def apply(sv: Services, p: ImportPreview):  # type: ignore[no-untyped-def]
    return run_to_end(apply_import(sv, p, TODAY))


def edit(path: Path, out: Path, changes: dict[tuple[int, str], Any], sheet: str = "Portfölj") -> Path:
    """Edit cells (by activity id and header) as a user would in Excel, and save under `out`."""
    wb = load_workbook(path)
    ws = wb[sheet]
    head = {c.value: c.column for c in ws[1]}
    rows = {r[0].value: r[0].row for r in ws.iter_rows(min_row=2) if isinstance(r[0].value, int)}
    for (aid, header), value in changes.items():
        ws.cell(rows[aid], head[header]).value = value
    wb.save(out)
    return out


def sheet_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(path)
    return {ws.title: [tuple(c for c in row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    d = tmp_path / "ut"
    d.mkdir()
    return d


def test_export_edit_import_updates_exactly_the_edited_records(demo_sv: Services, out: Path) -> None:
    sv = demo_sv
    rows = {r.title: r for r in sv.portfolio.list_rows(TODAY)}
    ai, skol = rows["AI-stöd i hemtjänstens planering"], rows["Klimatanpassade skolgårdar"]
    exported = export(sv, out / "p.xlsx")
    edited = edit(exported, out / "e.xlsx", {
        (ai.id, "Titel"): "AI-stöd i hemtjänstens planering (reviderad)",
        (skol.id, "Slut"): datetime(2027, 6, 30),
        (skol.id, "Förvaltning/bolag"): "Förvaltningen Förskola och skola",  # unchanged value typed again
    })
    p = preview(sv, edited)
    assert p.layout == "portfolj" and p.rows == len(rows) and not p.errors and not p.warnings
    assert [(u.activity_id, [(c.label, c.old, c.new) for c in u.changes]) for u in p.plan.updates] == [
        (skol.id, [("Slut", "2027-02-28", "2027-06-30")]),
        (ai.id, [("Titel", "AI-stöd i hemtjänstens planering", "AI-stöd i hemtjänstens planering (reviderad)")])]
    assert p.plan.creates == [] and p.plan.unchanged == len(rows) - 2 and p.can_apply
    with sv.db.reading() as s:
        log_before = s.scalar(select(func.max(ChangeLog.id)))
    outcome = apply(sv, p)
    assert sorted(outcome.updated_ids) == sorted([ai.id, skol.id]) and outcome.created == 0
    with sv.db.reading() as s:
        logged = s.execute(select(ChangeLog.entity, ChangeLog.entity_id, ChangeLog.field)
                           .where(ChangeLog.id > log_before, ChangeLog.entity == "activity")).all()
    assert sorted(logged) == sorted([("activity", ai.id, "title"), ("activity", skol.id, "end")])
    assert sv.portfolio.get(ai.id, TODAY).data.title.endswith("(reviderad)")
    assert sv.portfolio.get(skol.id, TODAY).data.end == date(2027, 6, 30)
    # importing the same file again changes nothing
    again = preview(sv, edited)
    assert not again.has_changes and again.plan.unchanged == len(rows) and not again.errors


def test_round_trip_export_import_export_gives_identical_data(demo_sv: Services, out: Path) -> None:
    first = export(demo_sv, out / "1.xlsx")
    p = preview(demo_sv, first)
    assert not p.has_changes and not p.problems
    second = export(demo_sv, out / "2.xlsx")
    a, b = sheet_values(first), sheet_values(second)
    assert list(a) == list(b)
    for sheet in a:
        if sheet in ("Sammanfattning", "Förändringar"):  # the comparison baseline differs by design
            continue
        assert a[sheet] == b[sheet], sheet
    assert a["Sammanfattning"][3:] == b["Sammanfattning"][3:]


def test_new_rows_in_the_portfolio_sheet_create_activities_with_budget_and_new_people(
        demo_sv: Services, out: Path) -> None:
    sv = demo_sv
    exported = export(sv, out / "p.xlsx")
    wb = load_workbook(exported)
    ws = wb["Portfölj"]
    head = {c.value: c.column for c in ws[1]}
    last = max(r[0].row for r in ws.iter_rows(min_row=2) if isinstance(r[0].value, int))
    ws.insert_rows(last + 1)
    for header, value in {"Typ": "Förstudie", "Titel": "Bibliotek som mötesplats", "Avtal": "Ks 2022-00417",
                          "Ansvarig tjänsteperson": "Jonas  wikström", "Ansvarig forskare": "Ny Forskare",
                          "Start": "2027-03-01", "Slut": date(2027, 12, 31), "Steg": "pågående",
                          "Budget avtalsmedel": 150000, "Budget naturainsats": "20 000,50 kr",
                          "Ingår i (id)": 1}.items():
        ws.cell(last + 1, head[header]).value = value
    wb.save(out / "n.xlsx")
    p = preview(sv, out / "n.xlsx")
    assert not p.errors, p.report_lines()
    assert [w.message[:40] for w in p.warnings] == ["nya aktiviteter börjar i steget idé/dial"]
    assert p.plan.new_people == ["Ny Forskare"] and len(p.plan.creates) == 1
    outcome = apply(sv, p)
    assert outcome.people_created == 1
    d = sv.portfolio.get(outcome.created_ids[0], TODAY)
    assert d.stage == Stage.IDE and d.data.parent_id == 1 and d.official == "Jonas Wikström"
    assert d.researcher == "Ny Forskare" and d.data.start == date(2027, 3, 1)
    assert {(b.year, b.cost_kind, b.source, b.amount_ore) for b in d.budget} == {
        (2027, CostKind.OVRIGT, FundingSource.AVTALSMEDEL, 15_000_000),
        (2027, CostKind.OVRIGT, FundingSource.NATURAINSATS, 2_000_050)}
    assert d.reports  # the follow-up schedule was made, as by the portfolio service
    # the same file again: the row would be a duplicate -> error, nothing written
    again = preview(sv, out / "n.xlsx")
    assert any("finns redan" in e.message for e in again.errors) and not again.can_apply


def test_stage_and_budget_of_existing_activities_are_not_changed_by_import(demo_sv: Services, out: Path) -> None:
    sv = demo_sv
    rows = {r.title: r for r in sv.portfolio.list_rows(TODAY)}
    trygg = rows["Trygghet i centrum"]
    edited = edit(export(sv, out / "p.xlsx"), out / "e.xlsx",
                  {(trygg.id, "Steg"): "pågående", (trygg.id, "Budget avtalsmedel"): 999})
    p = preview(sv, edited)
    assert not p.errors and not p.has_changes
    assert sorted(w.header for w in p.warnings) == ["Budget avtalsmedel", "Steg"]
    assert all(w.row > 1 and w.column for w in p.warnings)
    assert sv.portfolio.get(trygg.id, TODAY).stage == Stage.PITCH


def test_a_record_changed_after_the_export_is_not_overwritten(demo_sv: Services, out: Path) -> None:
    sv = demo_sv
    narv = next(r for r in sv.portfolio.list_rows(TODAY) if r.title == "Skolnärvaro och psykisk hälsa")
    exported = export(sv, out / "p.xlsx")
    d = sv.portfolio.get(narv.id, TODAY)
    from dataclasses import replace

    sv.portfolio.update(narv.id, d.version, replace(d.data, administration="Ändrad i programmet"), TODAY)
    edited = edit(exported, out / "e.xlsx", {(narv.id, "Titel"): "Skolnärvaro (ny titel)"})
    p = preview(sv, edited)
    assert [(e.header, e.row > 1) for e in p.errors] == [("Version", True)]
    assert "exportera på nytt" in p.errors[0].message
    with pytest.raises(ValidationError, match="inget har skrivits"):
        apply(sv, p)
    # clearing the Version cell overrides deliberately (and would also reset the administration)
    cleared = edit(edited, out / "c.xlsx", {(narv.id, "Version"): None})
    p2 = preview(sv, cleared)
    assert not p2.errors and [c.label for c in p2.plan.updates[0].changes] == ["Titel", "Förvaltning/bolag"]


def test_everything_or_nothing_when_a_record_changes_between_preview_and_apply(demo_sv: Services,
                                                                               out: Path) -> None:
    sv = demo_sv
    rows = {r.title: r for r in sv.portfolio.list_rows(TODAY)}
    a, b = rows["Trygghet i centrum"], rows["Unga vuxnas väg till arbete"]
    edited = edit(export(sv, out / "p.xlsx"), out / "e.xlsx",
                  {(a.id, "Titel"): "Trygghet i centrum 2.0", (b.id, "Titel"): "Unga vuxna 2.0"})
    p = preview(sv, edited)
    assert len(p.plan.updates) == 2
    sv.portfolio.record_popular_presentation(b.id, TODAY)  # someone saves b meanwhile
    with sv.db.reading() as s:
        before = s.scalar(select(func.count()).select_from(ChangeLog))
    with pytest.raises(ConflictError):
        apply(sv, p)
    assert sv.portfolio.get(a.id, TODAY).data.title == "Trygghet i centrum"  # rolled back too
    with sv.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == before


def _template_rows(path: Path, rows: list[dict[str, Any]]) -> Path:
    wb = load_workbook(template_path())
    ws = wb["Aktiviteter"]
    head = {c.value: c.column for c in ws[1]}
    for n, values in enumerate(rows, start=2):
        for header, value in values.items():
            ws.cell(n, head[header]).value = value
    wb.save(path)
    return path


def test_template_first_import_creates_a_tree_with_budget(sv: Services, out: Path) -> None:
    own = sv.people.save_organisation("Testkommun", OrgKind.KOMMUN, is_own=True)
    uni = sv.people.save_organisation("Testuniversitetet", OrgKind.LAROSATE)
    agreement = sv.agreements.create(AgreementInput(kind=AgreementKind.SAMVERKANSAVTAL, title="Testavtalet",
                                                    our_organisation_id=own, partner_ids=(uni,),
                                                    case_number="KS 2026/7", start=date(2026, 1, 1),
                                                    status=AgreementStatus.AKTIVT), TODAY)
    sv.people.save_person("Åsa Öberg", "Utvecklingsledare", own)
    path = _template_rows(out / "mall.xlsx", [
        {"Typ": "program", "Titel": "Trygg kommun", "Avtal": "testavtalet", "Ansvarig tjänsteperson": "åsa öberg",
         "Start": date(2027, 1, 1), "Slut": date(2028, 12, 31), "Avtalsmedel": 300000, "Budgetår": 2027},
        {"Typ": "projekt", "Titel": "Trygghetsvandringar", "Avtal": "KS 2026/7", "Ingår i": "Trygg kommun",
         "Ansvarig forskare": "Per Persson", "Start": "2027-02-01", "Slut": "20271231",
         "Forskningsfråga": "Vad gör platser trygga?", "Kommunal medfinansiering": "50 000 kr"},
        {"Typ": "förstudie", "Titel": "Utan avtal", "Diarienummer": "D-1"},
    ])
    p = preview(sv, path)
    assert p.layout == "mall" and not p.errors, p.report_lines()
    assert [c.title for c in p.plan.creates] == ["Trygg kommun", "Trygghetsvandringar", "Utan avtal"]
    assert p.plan.new_people == ["Per Persson"]
    outcome = apply(sv, p)
    acts = {r.title: r for r in sv.portfolio.list_rows(TODAY)}
    assert set(acts) == {"Trygg kommun", "Trygghetsvandringar", "Utan avtal"}
    child = sv.portfolio.get(acts["Trygghetsvandringar"].id, TODAY)
    assert child.data.parent_id == acts["Trygg kommun"].id and child.data.agreement_id == agreement
    assert child.data.research_question == "Vad gör platser trygga?" and child.researcher == "Per Persson"
    assert [(b.year, b.source, b.amount_ore) for b in child.budget] == [(2027, FundingSource.KOMMUN_KONTANT,
                                                                         5_000_000)]
    prog = sv.portfolio.get(acts["Trygg kommun"].id, TODAY)
    assert prog.official == "Åsa Öberg" and prog.budget[0].amount_ore == 30_000_000
    assert outcome.created == 3 and outcome.people_created == 1
    with sv.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 2
    # importing the template twice creates nothing twice
    again = preview(sv, path)
    assert len(again.errors) == 3 and not again.can_apply


def test_preview_writes_nothing_and_problems_name_sheet_row_and_column(sv: Services, out: Path) -> None:
    path = _template_rows(out / "mall.xlsx", [
        {"Typ": "kurs", "Titel": "Fel typ"},
        {"Typ": "projekt", "Titel": "", "Start": "2027-02-30", "Avtalsmedel": "12,345"},
        {"Typ": "projekt", "Titel": "Slut före start", "Start": "2027-02-01", "Slut": "2027-01-01",
         "Avtal": "Finns inte"},
    ])
    p = preview(sv, path)
    got = [(e.sheet, e.row, e.column, e.header) for e in p.errors]
    assert ("Aktiviteter", 2, "A", "Typ") in got
    assert ("Aktiviteter", 3, "H", "Start") in got and ("Aktiviteter", 3, "M", "Avtalsmedel") in got
    assert ("Aktiviteter", 4, "C", "Avtal") in got
    assert any(e.row == 4 and e.header == "Slut" and "före startdatum" in e.message for e in p.errors)
    assert all(str(e).startswith("Aktiviteter, rad ") for e in p.errors)
    with sv.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Activity)) == 0
        assert s.scalar(select(func.count()).select_from(BudgetLine)) == 0
    with pytest.raises(ValidationError):
        apply(sv, p)


def test_cli_import_dry_run_and_apply(demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from samverkan_desktop.cli import main

    db = tmp_path / "d.sqlite"
    shutil.copyfile(demo_template, db)
    base = ["--db", str(db), "--today", "2026-11-28"]
    assert main(base + ["export", "portfolio", "--out", str(tmp_path / "p.xlsx")]) == 0
    capsys.readouterr()
    edited = edit(tmp_path / "p.xlsx", tmp_path / "e.xlsx", {(7, "Titel"): "Ny titel via CLI"})
    assert main(base + ["import", "portfolio", str(edited), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "Ändras: 1" in text and "Provkörning" in text and "Titel:" in text
    assert main(base + ["import", "portfolio", str(edited)]) == 0
    assert "1 ändrade" in capsys.readouterr().out
    bad = edit(tmp_path / "p.xlsx", tmp_path / "b.xlsx", {(7, "Start"): "i morgon"})
    assert main(base + ["import", "portfolio", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "Inget har skrivits" in captured.err and "kolumn J (Start)" in captured.out
    assert main(base + ["import", "portfolio", str(tmp_path / "saknas.xlsx")]) == 1
    assert "finns inte" in capsys.readouterr().err


def test_the_committed_template_matches_the_code_and_its_readme(tmp_path: Path) -> None:
    fresh = load_workbook(write_template(tmp_path / "mall.xlsx"))
    committed = load_workbook(template_path())
    assert committed.sheetnames == fresh.sheetnames == ["Aktiviteter", "Instruktioner"]
    assert [c.value for c in committed["Aktiviteter"][1]] == [c.header for c in TEMPLATE_COLUMNS]
    assert [c.value for c in committed["Instruktioner"]["A"]] == [c.value for c in fresh["Instruktioner"]["A"]]
    readme = (template_path().parent / "README.md").read_text(encoding="utf-8")
    for col in TEMPLATE_COLUMNS:
        assert col.header in readme, col.header


def test_header_matching_is_forgiving_and_unknown_columns_are_reported(sv: Services, out: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Mina projekt"
    ws.append(["Min egen lista"])  # a title row above the header
    ws.append(["  TITEL ", "typ", "Diarienr", "Kommentar"])
    ws.append(["Ett projekt", "Projekt", "D-9", "ignoreras"])
    wb.save(out / "egen.xlsx")
    p = preview(sv, out / "egen.xlsx")
    assert p.sheet == "Mina projekt" and p.layout == "mall" and not p.errors
    assert [(w.row, w.column, w.header) for w in p.warnings] == [(2, "D", "Kommentar")]
    assert p.plan.creates[0].data.case_number == "D-9" and p.plan.creates[0].data.kind == ActivityKind.PROJEKT


def test_people_with_the_same_name_are_an_error_not_a_guess(sv: Services, out: Path) -> None:
    sv.people.save_person("Anna Andersson")
    sv.people.save_person("Anna Andersson")
    path = _template_rows(out / "m.xlsx", [{"Typ": "projekt", "Titel": "X", "Ansvarig forskare": "Anna Andersson"}])
    p = preview(sv, path)
    assert [e.header for e in p.errors] == ["Ansvarig forskare"] and "2 personer" in p.errors[0].message


def test_existing_activity_is_found_by_id_and_unknown_ids_are_errors(sv: Services, out: Path) -> None:
    aid = sv.portfolio.create(ActivityInput(kind=ActivityKind.PROJEKT, title="Befintlig"), TODAY)
    wb = Workbook()
    ws = wb.active
    ws.title = "Portfölj"
    ws.append(["Id", "Titel", "Typ"])
    ws.append([aid, "Befintlig, ny titel", "projekt"])
    ws.append([aid, "Dubblett", "projekt"])
    ws.append([9999, "Finns inte", "projekt"])
    ws.append(["x", "Inget heltal", "projekt"])
    wb.save(out / "p.xlsx")
    p = preview(sv, out / "p.xlsx")
    msgs = [(e.row, e.header, e.message.split(";")[0].split("(")[0].strip()) for e in p.errors]
    assert msgs == [(3, "Id", f"id {aid} förekommer redan på rad 2"),
                    (4, "Id", "det finns ingen aktivitet med id 9999"),
                    (5, "Id", "'x' är inget heltal")]
    assert [u.activity_id for u in p.plan.updates] == [aid]
