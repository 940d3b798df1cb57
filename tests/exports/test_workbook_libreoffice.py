"""The workbook opens, calculates and prints in a real spreadsheet program: LibreOffice (Debian
`libreoffice-calc`) converts the demo export to CSV (every sheet, formulas calculated) and to PDF
(A4 landscape, page header with the sheet's title and "Sida x av y" on every page, the header row
repeated). Converted once per session; skipped with a reason when soffice is missing."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan_desktop.db.database import Database
from samverkan_desktop.exporters.portfolio_layout import TOTALS_LABEL
from samverkan_desktop.exporters.progress import run_to_end
from samverkan_desktop.exporters.workbook import SHEETS, export_portfolio
from samverkan_desktop.services import Services

TODAY = date(2026, 11, 28)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# CSV filter: comma, double quote, UTF-8, from line 1, raw values (not "as shown"), every sheet (-1)
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1053,false,true,false,false,false,-1"


@dataclass
class Converted:
    xlsx: Path
    filtered: Path
    pdf: Path
    csv_dir: Path
    budget_total_ore: int
    visible_budget_total_ore: int


def _soffice(args: list[str], outdir: Path, profile: Path) -> subprocess.Popen[bytes]:
    """Start one conversion (each with its own profile, so two can run at the same time)."""
    assert SOFFICE is not None
    env = dict(os.environ, HOME=str(profile))
    return subprocess.Popen([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                             *args, "--outdir", str(outdir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _wait(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        try:
            _, err = p.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            p.kill()
            raise
        assert p.returncode == 0, err.decode(errors="replace")


@pytest.fixture(scope="session")
def converted(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Converted:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
    d = tmp_path_factory.mktemp("libreoffice")
    shutil.copyfile(demo_template, d / "demo.sqlite")
    db = Database(d / "demo.sqlite")
    sv = Services.build(db)
    xlsx = d / "portfolj.xlsx"
    run_to_end(export_portfolio(sv, xlsx, TODAY))
    total = sum(r.budget_total_ore for r in sv.portfolio.list_rows(TODAY))
    db.dispose()
    # A copy with a filter applied in the Portfölj sheet (rows of other stages hidden, as Excel does)
    wb = load_workbook(xlsx)
    ws = wb["Portfölj"]
    head = {c.value: c.column for c in ws[1]}
    visible = 0
    for row in ws.iter_rows(min_row=2):
        stage = row[head["Steg"] - 1].value
        if row[0].value is None:
            break
        if stage == "pågående":
            visible += round(row[head["Budget totalt"] - 1].value * 100)
        else:
            ws.row_dimensions[row[0].row].hidden = True
    ws.auto_filter.add_filter_column(head["Steg"] - 1, ["pågående"])
    filtered = d / "filtrerad.xlsx"
    wb.save(filtered)
    csv_dir = d / "csv"
    csv_dir.mkdir()
    _wait([_soffice(["--convert-to", CSV_FILTER, str(xlsx), str(filtered)], csv_dir, d / "profile-csv"),
           _soffice(["--convert-to", "pdf", str(xlsx)], d, d / "profile-pdf")])
    return Converted(xlsx, filtered, d / "portfolj.pdf", csv_dir, total, visible)


def _csv(c: Converted, stem: str, sheet: str) -> list[list[str]]:
    with (c.csv_dir / f"{stem}-{sheet}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _totals(rows: list[list[str]], header: list[str], column: str) -> str:
    i = header.index(column)
    return next(r for r in rows if TOTALS_LABEL in r)[i]


def test_every_sheet_opens_and_is_filled(converted: Converted) -> None:
    for sheet in SHEETS:
        rows = _csv(converted, "portfolj", sheet)
        filled = [r for r in rows if any(cell.strip() for cell in r)]
        assert len(filled) >= 2, sheet  # header and at least one row


def test_totals_are_calculated_and_follow_the_filter(converted: Converted) -> None:
    rows = _csv(converted, "portfolj", "Portfölj")
    header = rows[0]
    assert int(_totals(rows, header, "Budget totalt")) * 100 == converted.budget_total_ore
    data = [r for r in rows[1:] if r[0].strip()]
    for col in ("Budget avtalsmedel", "Budget naturainsats", "Budget totalt"):
        i = header.index(col)
        assert int(_totals(rows, header, col)) == sum(int(r[i]) for r in data), col
    filtered = _csv(converted, "filtrerad", "Portfölj")
    assert int(_totals(filtered, filtered[0], "Budget totalt")) * 100 == converted.visible_budget_total_ore
    assert converted.visible_budget_total_ore < converted.budget_total_ore
    summary = _csv(converted, "portfolj", "Sammanfattning")
    head = next(r for r in summary if r and r[0] == "Avtal")
    assert int(_totals(summary, head, "Aktiviteter")) == len(data)


def test_dates_and_numbers_survive_as_values(converted: Converted) -> None:
    rows = _csv(converted, "portfolj", "Portfölj")
    header = rows[0]
    start = header.index("Start")
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[start]) for r in rows[1:] if r[0].strip() and r[start])
    deadlines = _csv(converted, "portfolj", "Deadlines")
    left = deadlines[0].index("Dagar kvar")
    due = deadlines[0].index("Datum")
    for r in deadlines[1:]:
        if r[0].strip():
            assert int(r[left]) == (date.fromisoformat(r[due]) - TODAY).days


def _pdftotext(pdf: Path, page: int) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run([tool, "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def test_pdf_prints_a4_landscape_with_headers_and_page_numbers_on_every_page(converted: Converted) -> None:
    tool = shutil.which("pdfinfo")
    if tool is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    info = subprocess.run([tool, str(converted.pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    assert pages >= len(SHEETS)
    seen: dict[str, list[int]] = {}
    for n in range(1, pages + 1):
        text = _pdftotext(converted.pdf, n)
        m = re.search(r"Samverkansportfölj – (\w[\w ]*?)\s{2,}", text)
        assert m, f"page {n} has no page header"
        seen.setdefault(m.group(1).strip(), []).append(n)
        assert re.search(rf"Sida {n} av {pages}\b", text), f"page {n} has no 'Sida {n} av {pages}'"
        assert "Uttaget 2026-11-28" in text
    assert set(seen) == set(SHEETS), seen
    # a sheet printed on more than one page repeats its header row on each
    multi = [s for s, p in seen.items() if len(p) > 1 and s != "Sammanfattning"]
    assert multi
    for sheet in multi:
        first_header = {"Portfölj": "Titel", "Uppföljning": "Ska in", "Ekonomi": "Källa",
                        "Möten och beslut": "Rubrik", "Deadlines": "Brådska", "Avtal": "Titel",
                        "Förändringar": "Ändring"}[sheet]
        for n in seen[sheet]:
            assert first_header in _pdftotext(converted.pdf, n), (sheet, n)
    summary = _pdftotext(converted.pdf, seen["Sammanfattning"][0])
    assert re.search(r"2\s500\s000\skr", summary)  # Swedish grouping, kronor
    assert "Summa (synliga rader)" in summary and "Pengar per år" in summary


def _body_word_heights(pdf: Path) -> list[list[float]]:
    """Per page, the heights of the words between the page header and the footer (pdftotext -bbox):
    proportional to the printed font size."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run([tool, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                         timeout=60).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        pages.append([y1 - y0 for y0, y1 in (
            (float(m.group(1)), float(m.group(2)))
            for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', page))
            if y0 > 0.75 * 72 and y1 < height - 0.6 * 72])
    return pages


def test_pdf_text_is_legible_on_every_page(converted: Converted) -> None:
    """The board reads the print: every sheet is fitted to the A4 width at 70 % or more (the text
    of the narrowest sheet, Förändringar, prints at 100 %). Portfölj prints the board's columns
    only: the collapsed detail columns (budget per source, case numbers) and Version are not on
    paper, and nothing of the printed columns is cut off."""
    import statistics

    heights = [statistics.median(h) for h in _body_word_heights(converted.pdf)]
    full = max(heights)  # Calibri (Carlito) 11 at 100 %: the word boxes are about 1.3 em high
    assert 13 <= full <= 16, heights
    small = [(n, round(h / full, 2)) for n, h in enumerate(heights, 1) if h < 0.70 * full]
    assert not small, small
    pages = [_pdftotext(converted.pdf, n) for n in range(1, len(heights) + 1)]
    portfolio = [text for text in pages if "Samverkansportfölj – Portfölj" in text]
    assert 1 <= len(portfolio) <= 3
    printed = set(" ".join(portfolio).split())  # words: a header may wrap onto two lines
    assert {"Titel", "Avtal", "Steg", "Budget", "totalt", "Nästa", "rapport", "Senaste", "beslut"} <= printed
    assert not {"avtalsmedel", "naturainsats", "Diarienr", "Version"} & printed
    assert "Summa (synliga rader)" in portfolio[-1]  # the totals row is printed, not cut off
