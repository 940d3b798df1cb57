"""The board's portfolio workbook (openpyxl, write-only = streaming, constant memory).

Sheets: Sammanfattning, Avtal, Portfölj, Ekonomi, Uppföljning, Möten och beslut, Deadlines,
Förändringar (and Meddelanden when a cell's text had to be transformed, see xlsx_safe).

Every sheet: bold header row, frozen panes, autofilter, fixed or content-based column widths,
real dates and numbers (money in kronor with the format `#,##0 "kr"`, which Swedish Excel shows
as `300 000 kr`), totals as SUBTOTAL(109, …) below the data so they follow the filter, A4
landscape fit to width, repeated header row, page header/footer with title, date and
"Sida x av y". Document properties: title, subject, author, organisation (Company).

Print: every sheet fits the A4 width at 70 % or more (`print_scale`; a test converts the
workbook with LibreOffice and measures the text): detail columns (`Column.detail`) are a
collapsed column group, neither shown nor printed until opened; Sammanfattning is tables under
one another, each kept on one page (`_Sheet.keep_together`).

Memory: the sheets that grow with the portfolio (Portfölj, Uppföljning, Möten och beslut,
Deadlines, Förändringar) are streamed from the database (or from the change tracker's scratch
database), never held as lists; a streamed sheet with content-based widths is read twice.

Entry point: `export_portfolio(...)`, a generator yielding Progress and returning ExportResult.
No Qt here; the GUI runs the generator on a worker thread."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.catalog import FundingSource
from ..domain.money import format_money
from ..domain.radar import Deadline, urgency
from ..services.errors import ServiceError
from ..services.export_data import (
    STAGE_GROUPS,
    ActivityLine,
    Change,
    ChangeTracker,
    ExportDataService,
    ExportHeader,
    ExportReader,
    ExportScope,
    MeetingLine,
    ReportLine,
    SnapshotInfo,
)
from .portfolio_layout import PORTFOLIO_COLUMNS, PORTFOLIO_SHEET, TOTALS_LABEL, Column
from .progress import Cancelled, Progress
from .xlsx_safe import CellNote, SafeText, header_text, plain_text, safe_sheet_name

#: Money in kronor. "#,##0" groups thousands with the reader's own separator (a space in Swedish
#: Excel: `300 000 kr`); the locale tag [$-41D] (sv-SE) makes LibreOffice group the Swedish way
#: whatever the computer's locale. (A literal "# ##0" would not group millions.)
MONEY0 = '[$-41D]#,##0 "kr"'
MONEY2 = '[$-41D]#,##0.00 "kr"'
#: The workbook's font (Excel's default; LibreOffice substitutes the metric-compatible Carlito)
FONT = "Calibri"
#: Points per line of the default font (Calibri 11) and Excel's largest row height.
LINE_PT = 15.0
MAX_ROW_PT = 409.0
DATE = "yyyy-mm-dd"
#: Print: A4 landscape less the margins (inches, as openpyxl's PageMargins), in points
MARGIN_SIDE_IN = 0.3
MARGIN_TOP_IN = 0.75
MARGIN_BOTTOM_IN = 0.6
PRINT_WIDTH_PT = (297 / 25.4 - 2 * MARGIN_SIDE_IN) * 72
PRINT_HEIGHT_PT = (210 / 25.4 - MARGIN_TOP_IN - MARGIN_BOTTOM_IN) * 72
TITLE = "Samverkansportfölj – underlag för kommunstyrelsen"
PROGRESS_EVERY = 500

SHEETS = ("Sammanfattning", "Avtal", PORTFOLIO_SHEET, "Ekonomi", "Uppföljning", "Möten och beslut", "Deadlines",
          "Förändringar")
NOTES_SHEET = "Meddelanden"

_REF_LABELS = {"agreement": "avtal", "activity": "aktivitet", "meeting": "möte", "invoice": "faktura",
               "report": "rapport"}


class ExportError(ServiceError):
    """The workbook could not be written (a Swedish sentence for the user)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    scope_text: str
    #: Data rows per sheet
    rows: dict[str, int]
    #: Cells whose text was transformed so that Excel can hold it (also listed on the sheet Meddelanden)
    notes: list[CellNote]
    #: Rows on Förändringar (0 also for the first export of a scope)
    changes: int
    #: The previous export of the same scope that Förändringar compares with (None: the first)
    baseline: SnapshotInfo | None
    snapshot_id: int | None
    warnings: list[str] = field(default_factory=list)


# ---- styles --------------------------------------------------------------------------
class _Styles:
    """Style prototypes (StyleArray) registered once in the workbook, copied into cells."""

    def __init__(self, ws: Any) -> None:
        thin = Side(style="thin", color="7F7F7F")

        def proto(**kw: Any) -> StyleArray:
            c = WriteOnlyCell(ws)
            for k, v in kw.items():
                setattr(c, k, v)
            return StyleArray(c._style)

        # Excel's default bottom alignment everywhere: unstyled cells (text, numbers) stay unstyled,
        # which keeps the writer close to the speed of plain openpyxl.
        wrap = Alignment(wrap_text=True)
        self.header = proto(font=Font(name=FONT, size=11, bold=True), fill=PatternFill("solid", fgColor="DDE5F0"),
                            alignment=Alignment(wrap_text=True, vertical="bottom"), border=Border(bottom=thin))
        bold = Font(name=FONT, size=11, bold=True)
        self.title = proto(font=Font(name=FONT, size=14, bold=True))
        self.subtitle = proto(font=Font(name=FONT, size=11, italic=True, color="404040"))
        self.section = proto(font=Font(name=FONT, size=12, bold=True))
        self.bold = proto(font=bold)
        self.wrap = proto(alignment=wrap)
        self.quote = proto(quotePrefix=True)
        self.wrap_quote = proto(alignment=wrap, quotePrefix=True)
        self.money0 = proto(number_format=MONEY0)
        self.money2 = proto(number_format=MONEY2)
        self.date = proto(number_format=DATE, alignment=Alignment(horizontal="center"))
        self.total_money = proto(number_format=MONEY0, font=bold, border=Border(top=thin))
        self.total_int = proto(number_format="0", font=bold, border=Border(top=thin))
        self.total_label = proto(font=bold, border=Border(top=thin))


# ---- fast rows -----------------------------------------------------------------------
_K_TEXT, _K_WRAP, _K_MONEY, _K_DATE, _K_MIXED, _K_INT = ("text", "wrap", "money", "date", "mixed", "int")
_KINDS = {"text": _K_TEXT, "wrap": _K_WRAP, "money": _K_MONEY, "date": _K_DATE, "mixed": _K_MIXED, "id": _K_INT,
          "int": _K_INT}


class _V:
    """A value with its cell type and style, for the row writer below (no Cell object per value)."""

    __slots__ = ("value", "data_type", "style")

    def __init__(self, value: Any, data_type: str, style: StyleArray) -> None:
        self.value = value
        self.data_type = data_type
        self.style = style


def _fast_values_to_row(ws: Any) -> Callable[[Sequence[Any], int], Any]:
    """Replaces the sheet's WriteOnlyWorksheet._values_to_row (openpyxl 3.1): plain values go
    through openpyxl's own conversion as usual; a _V reuses one prepared cell per style (the
    writer serialises each cell before asking for the next), and a Cell is passed through
    without openpyxl's exception round trip. Same XML as openpyxl writes, at a fraction of the
    cost of a styled WriteOnlyCell per value. (The tests read every sheet back.)"""
    from openpyxl.cell.cell import Cell

    prepared: dict[int, WriteOnlyCell] = {}

    def values_to_row(values: Sequence[Any], row_idx: int) -> Any:
        cell = WriteOnlyCell(ws)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if type(value) is _V:
                c = prepared.get(id(value.style))
                if c is None:
                    c = prepared[id(value.style)] = WriteOnlyCell(ws)
                    c._style = StyleArray(value.style)
                c._value = value.value
                c.data_type = value.data_type
                c.column = col_idx
                c.row = row_idx
                yield c
            elif isinstance(value, Cell):
                value.column = col_idx
                value.row = row_idx
                yield value
            else:
                cell.value = value
                cell.column = col_idx
                cell.row = row_idx
                yield cell
                if cell.has_style:
                    cell = WriteOnlyCell(ws)

    return values_to_row


# ---- one sheet -----------------------------------------------------------------------
class _Sheet:
    """A write-only sheet with a header row, typed data rows, a totals row and print setup."""

    def __init__(self, book: _Book, name: str, columns: Sequence[Column], *, widths: Sequence[float] | None = None,
                 freeze_col: int = 1, header_row: int = 1, landscape: bool = True, repeat_header: bool = True) -> None:
        self.book = book
        self.name = safe_sheet_name(name, book.names)
        book.names.add(self.name)
        self.ws = book.wb.create_sheet(self.name)
        self.ws._values_to_row = _fast_values_to_row(self.ws)  # type: ignore[attr-defined]
        if book.styles is None:
            book.styles = _Styles(self.ws)
        self.st = book.styles
        self.columns = list(columns)
        self.letters = [get_column_letter(i) for i in range(1, len(self.columns) + 1)]
        self.safe = SafeText(self.ws, self.name, book.notes)
        self.header_row = header_row
        self.row = 0
        #: Estimated height of the rows written so far, in points (for keep_together)
        self.height_pt = 0.0
        self.data_rows = 0
        self.first_data_row = header_row + 1
        self.widths = [float(w) for w in widths] if widths else [float(c.width) for c in self.columns]
        self.sheet_widths = list(self.widths)
        #: The columns on paper (hidden and collapsed detail columns are not printed)
        self.printed_widths = [w for w, c in zip(self.widths, self.columns) if not (c.hidden or c.detail)]
        self._kinds = [_KINDS.get(c.kind, _K_INT) for c in self.columns]
        self._caps = [_cap(w) for w in self.widths]
        for i, col in enumerate(self.columns):
            dim = self.ws.column_dimensions[self.letters[i]]
            dim.width = self.widths[i]
            if col.hidden:
                dim.hidden = True
            if col.detail:  # a collapsed group: hidden on screen and in print until its + is clicked
                dim.outline_level = 1
                dim.hidden = True
                if i + 1 == len(self.columns) or not self.columns[i + 1].detail:
                    # Excel marks a collapsed group on the column after it (where its + button is)
                    self.ws.column_dimensions[get_column_letter(i + 2)].collapsed = True
        if any(c.detail for c in self.columns):
            # openpyxl writes <sheetFormatPr> before it measures the outline of the columns
            self.ws.column_dimensions.max_outline = 1
        self.ws.freeze_panes = f"{get_column_letter(freeze_col)}{header_row + 1}"
        self._page_setup(landscape, repeat_header)

    def _page_setup(self, landscape: bool, repeat_header: bool) -> None:
        ws, b = self.ws, self.book
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if repeat_header:
            ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        ws.page_margins = PageMargins(left=MARGIN_SIDE_IN, right=MARGIN_SIDE_IN, top=MARGIN_TOP_IN,
                                      bottom=MARGIN_BOTTOM_IN, header=0.3, footer=0.3)
        ws.oddHeader.left.text = header_text(b.organisation, 70)
        ws.oddHeader.left.size = 9
        ws.oddHeader.center.text = "&B" + header_text(f"Samverkansportfölj – {self.name}", 60)
        ws.oddHeader.center.size = 11
        ws.oddHeader.right.text = header_text(f"Uttaget {b.today.isoformat()}", 30)
        ws.oddHeader.right.size = 9
        ws.oddFooter.left.text = header_text(f"Urval: {b.scope_text}", 80)
        ws.oddFooter.left.size = 8
        ws.oddFooter.center.text = "Sida &P av &N"
        ws.oddFooter.center.size = 9
        ws.oddFooter.right.text = "Utskrivet &D"
        ws.oddFooter.right.size = 8

    # -- rows
    def raw(self, values: Sequence[Any]) -> None:
        self.ws.append(list(values))
        self.row += 1
        self.height_pt += LINE_PT

    def raw_sized(self, values: Sequence[Any], lines: int) -> None:
        """A row of prepared cells, `lines` lines high."""
        self._append_sized(list(values), lines)

    def keep_together(self, height_pt: float) -> None:
        """Start a new printed page at the next row unless the next `height_pt` points of rows fit
        on the current one (estimated from the row heights written and the print scale)."""
        page = PRINT_HEIGHT_PT * 100 / print_scale(self.printed_widths)
        title = LINE_PT * 2 if self.ws.print_title_rows else 0.0  # the header repeated on the next pages
        used = self.height_pt
        while used > page:
            used -= page - title
        if used + height_pt > page and self.row > self.header_row:
            from openpyxl.worksheet.pagebreak import Break

            self.ws.row_breaks.append(Break(id=self.row))

    def text_cell(self, text: str, style: StyleArray | None = None, col: int = 0) -> Any:
        return self.safe.cell(text, self.row + 1, self.letters[col] if col < len(self.letters) else "A",
                              self.columns[col].header if col < len(self.columns) else "", style)

    def next_table(self, columns: Sequence[Column]) -> None:
        """Start another table on the next row, in the sheet's columns (their widths stay): header(),
        data() and totals() then follow `columns`. (No filter or frozen rows of its own.)"""
        self.columns = list(columns)
        self.widths = self.sheet_widths[:len(self.columns)]
        self._kinds = [_KINDS.get(c.kind, _K_INT) for c in self.columns]
        self._caps = [_cap(w) for w in self.widths]
        self.header_row = self.row + 1
        self.first_data_row = self.header_row + 1
        self.data_rows = 0

    def header(self) -> None:
        while self.row < self.header_row - 1:
            self.raw([])
        cells = []
        lines = 1
        for i, col in enumerate(self.columns):
            cells.append(self.safe.cell(col.header, self.header_row, self.letters[i], col.header, self.st.header))
            lines = max(lines, _lines(col.header, self.widths[i] - 1.5))  # bold is wider
        self._append_sized(cells, lines)

    def money(self, ore: int) -> _V:
        if ore % 100 == 0:
            return _V(ore // 100, "n", self.st.money0)
        return _V(Decimal(ore) / 100, "n", self.st.money2)

    def data(self, values: Sequence[Any]) -> None:
        """One data row; values in column order (money as int öre, dates as date, text as str).
        (The hot loop of big exports: kept to local names and cheap type tests.)"""
        row_no = self.row + 1
        out: list[Any] = []
        append = out.append
        st = self.st
        kinds = self._kinds
        caps = self._caps
        prepare = self.safe.prepare
        lines = 1
        for i, v in enumerate(values):
            if v is None:
                append(None)
                continue
            kind = kinds[i]
            if kind is _K_TEXT or kind is _K_WRAP:
                text = v if v.__class__ is str else str(v)
                if not text:
                    append(None)
                    continue
                text, quote = prepare(text, row_no, self.letters[i], self.columns[i].header)
                # Wrapped (styled) only when the text needs more than one line: a short text in a
                # plain cell looks the same and keeps the writer fast.
                n = 1 if kind is _K_TEXT or (len(text) <= caps[i] and "\n" not in text) else _lines(text, self.widths[i])
                if n > 1:
                    if n > lines:
                        lines = n
                    append(_V(text, "s", st.wrap_quote if quote else st.wrap))
                elif quote:
                    append(_V(text, "s", st.quote))
                else:
                    append(text)
            elif kind is _K_MONEY:
                append(_V(v // 100, "n", st.money0) if v % 100 == 0 else _V(Decimal(v) / 100, "n", st.money2))
            elif kind is _K_DATE:
                append(_V(v, "d", st.date))
            elif kind is _K_MIXED:
                append(None if v == "" else self._mixed(v, row_no, i))
            else:  # id, int
                append(v)
        self._append_sized(out, lines)
        self.data_rows += 1

    def _append_sized(self, cells: list[Any], lines: int) -> None:
        """Append with an explicit height when text wraps (neither Excel nor LibreOffice reliably
        fits rows of a generated file); the row's dimension is dropped again to keep memory flat."""
        row_no = self.row + 1
        if lines > 1:
            self.ws.row_dimensions[row_no].height = min(LINE_PT * lines + 2, MAX_ROW_PT)
        self.ws.append(cells)
        if lines > 1:
            del self.ws.row_dimensions[row_no]
        self.row += 1
        self.height_pt += min(LINE_PT * lines + 2, MAX_ROW_PT) if lines > 1 else LINE_PT

    def _mixed(self, v: Any, row_no: int, i: int) -> Any:
        if isinstance(v, _Money):
            return self.money(v.ore)
        if isinstance(v, date):
            return _V(v, "d", self.st.date)
        if isinstance(v, int):
            return v
        return self.safe.cell(str(v), row_no, self.letters[i], self.columns[i].header, self.st.wrap)

    def totals(self, label_col: int) -> None:
        """A blank row, then SUBTOTAL(109, …) under every column marked `total` (follows the filter)."""
        if self.data_rows == 0:
            return
        first, last = self.first_data_row, self.row
        self.raw([])
        out: list[Any] = [None] * len(self.columns)
        c = WriteOnlyCell(self.ws, TOTALS_LABEL)
        c._style = StyleArray(self.st.total_label)
        out[label_col] = c
        for i, col in enumerate(self.columns):
            if col.total:
                f = WriteOnlyCell(self.ws, f"=SUBTOTAL(109,{self.letters[i]}{first}:{self.letters[i]}{last})")
                f._style = StyleArray(self.st.total_money if col.kind == "money" else self.st.total_int)
                out[i] = f
        self.raw(out)

    def finish_filter(self, last_row: int | None = None) -> None:
        last = last_row if last_row is not None else max(self.header_row, self.first_data_row - 1 + self.data_rows)
        self.ws.auto_filter.ref = f"A{self.header_row}:{self.letters[-1]}{last}"


@dataclass
class _Money:
    """Marks an int as öre in a mixed column (Förändringar)."""

    ore: int


class _Book:
    def __init__(self, header: ExportHeader, today: date) -> None:
        self.wb = Workbook(write_only=True)
        self.styles: _Styles | None = None
        self.notes: list[CellNote] = []
        self.names: set[str] = set()
        self.organisation = header.organisation
        self.scope_text = header.scope_text
        self.today = today


# ---- widths ------------------------------------------------------------------------
#: Points per unit of column width: the digit of Calibri 11 is 7 px at 96 dpi in Excel, and Carlito's
#: (LibreOffice) 0.507 em = 7.44 px; the wider one, so that the estimate below holds for both.
WIDTH_UNIT_PT = 11 * 0.507


def print_scale(widths: Sequence[float]) -> int:
    """The scale (%) at which a sheet whose printed columns are `widths` wide fits one A4 landscape
    page width (at most 100 %). The sheets are laid out so that this stays at 70 % or more: Calibri
    11 printed at 7.7 pt or larger, legible."""
    points = sum(widths) * WIDTH_UNIT_PT
    return max(10, min(100, int(PRINT_WIDTH_PT * 100 / points))) if points else 100


def _cap(width: float) -> int:
    """Characters per line in a column `width` wide (calibrated on Calibri/Carlito 11 as
    LibreOffice renders it: proportional text needs a little slack)."""
    return max(int(width * 0.97) - 1, 4)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs in a column `width` characters wide (greedy word wrap)."""
    cap = _cap(width)
    if len(text) <= cap and "\n" not in text:
        return 1
    total = 0
    for para in text.split("\n"):
        n, used = 1, 0
        for word in para.split(" "):
            w = len(word)
            if used == 0:
                used = w
            elif used + 1 + w <= cap:
                used += 1 + w
            else:
                n += 1
                used = w
            while used > cap:  # a word longer than the line breaks anywhere
                n += 1
                used -= cap
        total += n
        if total >= 40:
            return 40
    return total


def _text_len(v: Any) -> int:
    if v is None:
        return 0
    if isinstance(v, _Money):
        v = v.ore
    if isinstance(v, int) and not isinstance(v, bool):
        return len(format_money(v, decimals="never")) + 1
    if isinstance(v, date):
        return 10
    return max((len(line) for line in str(v).splitlines()), default=0)


def _widths(columns: Sequence[Column], rows: Iterable[Sequence[Any]], totals: dict[int, int] | None = None
            ) -> list[float]:
    """Content-based widths: header words, longest line, money totals. One pass over `rows`, so
    that a streamed sheet can be measured by a first pass over its rows."""
    n = len(columns)
    kinds = [c.kind for c in columns]
    longest = [0.0] * n  # money: _money_chars; int/id: digits; text: longest line
    for r in rows:
        for i in range(n):
            v = r[i]
            if v is None:
                continue
            kind = kinds[i]
            if kind == "money":
                if isinstance(v, int):
                    longest[i] = max(longest[i], _money_chars(v))
            elif kind in ("int", "id"):
                longest[i] = max(longest[i], len(str(v)) + 2)
            elif kind != "date":
                longest[i] = max(longest[i], _text_len(v) + 2)
    out = []
    for i, col in enumerate(columns):
        longest_word = _header_word(col.header)
        if col.kind == "money":
            w = max(longest[i], _money_chars((totals or {}).get(i, 0)), longest_word, 11)
        elif col.kind == "date":
            w = max(10.5, longest_word)  # yyyy-mm-dd
        elif col.kind in ("int", "id"):
            w = max(6, longest_word, longest[i])
        else:
            cap = col.width if col.kind == "wrap" else max(col.width, 40)
            w = max(min(max(longest[i], 8), cap), longest_word)
        out.append(float(w))
    return out


def _header_word(header: str) -> float:
    """The width a header's longest word needs in bold (the header wraps between words)."""
    return max((len(w) for line in header.split("\n") for w in line.split()), default=4) * 1.15 + 1.5


def _money_chars(ore: int) -> float:
    """The width a money cell needs, in Excel's units (the width of a digit): as the sheets show it
    (kronor, with öre when there are öre), in bold like the totals row, with a little slack. In
    Calibri a digit is one unit, a group space or the comma half of one, " kr" two."""
    text = format_money(ore, unit=False)
    digits = sum(ch.isdigit() for ch in text)
    return digits * 1.07 + (len(text) - digits) * 0.55 + 2.0 + 1.5


def _money_width(total_ore: int, header: str) -> float:
    """A streamed money column's width from its total (the widest value), at least the header's
    longest word. (The total's öre, if any, stand for the rows' öre.)"""
    return float(max(_money_chars(total_ore), 11, _header_word(header)))


# ---- sheets --------------------------------------------------------------------------
_C = Column


def summary_columns() -> list[Column]:
    return [_C("title", "Avtal", "wrap", 30), _C("partners", "Part", "wrap", 20), _C("start", "Från", "date", 11),
            _C("end", "Till", "date", 11), _C("status", "Status", "text", 10),
            _C("fee", "Årsavgift", "money", 13, total=True), _C("invoiced", "Fakturerat", "money", 13, total=True),
            _C("allocated", "Tilldelat", "money", 13, total=True), _C("disbursed", "Överfört", "money", 13, total=True),
            _C("remaining", "Kvar att föra över", "money", 13, total=True),
            _C("co", "Medfinansiering", "money", 13, total=True), _C("inkind", "Naturainsats", "money", 13, total=True),
            _C("count", "Aktiviteter", "int", 11, total=True)]


def summary_rows(h: ExportHeader) -> list[list[Any]]:
    return [[s.title, s.partners, s.start, s.end, s.status, s.annual_fee_ore, s.invoiced_ore, s.allocated_ore,
             s.disbursed_ore, s.remaining_ore, s.co_financing_ore, s.in_kind_ore, s.activity_count]
            for s in h.summaries]


def stage_columns(widths: Sequence[float]) -> list[Column]:
    """Sammanfattning's second table, "Aktiviteter per steg", in the first table's columns A–H: a
    stage label that is too wide for its column breaks after its slash."""
    cols = [_C("title", "Avtal", "wrap", widths[0])]
    for n, (label, _) in enumerate(STAGE_GROUPS, start=1):
        fits = _header_word(label) <= widths[n]
        cols.append(_C(f"stage{n}", label if fits else label.replace("/", "/\n"), "int", widths[n], total=True))
    cols.append(_C("count", "Totalt", "int", widths[len(cols)], total=True))
    return cols


def stage_rows(h: ExportHeader) -> list[list[Any]]:
    return [[s.title, *s.stage_counts, s.activity_count] for s in h.summaries]


#: Sammanfattning: the per-year table starts in column E (0-based 4) under the money columns F–I,
#: and its chart (this tall, in cm) stands beside it in A–D.
YEAR_COL = 4
CHART_CM = 8.0


def _summary_sheet(book: _Book, h: ExportHeader) -> _Sheet:
    """Created first (first tab); filled last, when the number of changes is known."""
    cols = summary_columns()
    rows = summary_rows(h)
    totals = {i: sum(r[i] for r in rows if isinstance(r[i], int)) for i, c in enumerate(cols) if c.kind == "money"}
    widths = _widths(cols, rows, totals)
    # the per-year table below: År | Budget | Tilldelat | Överfört | Fakturerade avgifter in columns E–I
    widths[YEAR_COL] = max(widths[YEAR_COL], 7.0)
    for n, header in enumerate(("Budget (aktiviteter)", "Tilldelat", "Överfört", "Fakturerade avgifter")):
        values = [(y.budget_ore, y.allocated_ore, y.disbursed_ore, y.fees_invoiced_ore)[n] for y in h.per_year]
        widths[YEAR_COL + 1 + n] = max([widths[YEAR_COL + 1 + n], _header_word(header)]
                                       + [_money_chars(v) for v in values])
    # Its tables have headers of their own: the first one's is not repeated above the others on paper.
    return _Sheet(book, "Sammanfattning", cols, widths=widths, header_row=5, freeze_col=2, repeat_header=False)


def _write_summary(sh: _Sheet, h: ExportHeader, changes: int, baseline: SnapshotInfo | None) -> int:
    rows = summary_rows(h)
    st = sh.st
    sh.raw([sh.text_cell(TITLE, st.title)])
    sh.raw([sh.text_cell(f"{h.organisation} · Urval: {h.scope_text} · Uttaget {h.today.isoformat()}", st.subtitle)])
    if baseline is None:
        cmp_text = "Förändringar: detta är den första exporten av detta urval; nästa export visar vad som ändrats sedan i dag."
    else:
        when = baseline.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        cmp_text = (f"Förändringar sedan föregående export av samma urval ({when}): {changes} st, "
                    "se bladet Förändringar.")
    sh.raw([sh.text_cell(cmp_text, st.subtitle)])
    sh.header()
    for r in rows:
        sh.data(r)
    data_last = sh.row
    sh.totals(label_col=0)
    sh.finish_filter(data_last)
    # Money per year: a table under the money columns (E–I), its chart beside it (A–D), kept on one page
    if h.per_year:
        head = ["År", "Budget (aktiviteter)", "Tilldelat", "Överfört", "Fakturerade avgifter"]
        head_lines = max(_lines(text, sh.sheet_widths[YEAR_COL + n] - 1.5) for n, text in enumerate(head))
        chart_pt = CHART_CM / 2.54 * 72
        sh.raw([])
        sh.keep_together(2 * LINE_PT + max(head_lines * LINE_PT + len(h.per_year) * LINE_PT, chart_pt))
        sh.raw([])
        sh.raw([sh.text_cell("Pengar per år", st.section)])
        pad: list[Any] = [None] * YEAR_COL
        top = sh.height_pt
        sh.raw_sized(pad + [sh.text_cell(text, st.header, YEAR_COL + n) for n, text in enumerate(head)], head_lines)
        first = sh.row + 1
        for y in h.per_year:
            sh.raw(pad + [y.year, sh.money(y.budget_ore), sh.money(y.allocated_ore), sh.money(y.disbursed_ore),
                          sh.money(y.fees_invoiced_ore)])
        last = sh.row
        while sh.height_pt < top + chart_pt:  # what follows starts below the chart
            sh.raw([])
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "clustered"
        chart.title = "Pengar per år (kr)"
        chart.y_axis.title = "kr"
        chart.x_axis.title = "År"
        chart.y_axis.numFmt = MONEY0.removesuffix(' "kr"')  # grouped the Swedish way, like the cells
        chart.y_axis.majorGridlines = chart.y_axis.majorGridlines
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.legend.position = "b"
        chart.add_data(Reference(sh.ws, min_col=YEAR_COL + 2, max_col=YEAR_COL + 5, min_row=first - 1, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(sh.ws, min_col=YEAR_COL + 1, min_row=first, max_row=last))
        # as wide as columns A–D (a unit is 7 px at 96 dpi), less a small gap before the table
        chart.width = max(sum(sh.sheet_widths[:YEAR_COL]) * 7 / 96 * 2.54 - 0.4, 8.0)
        chart.height = CHART_CM
        sh.ws.add_chart(chart, f"A{first - 1}")
    # Activities per stage: a table of its own (so that the sheet prints on one A4 width), kept on one page
    if rows:
        stage_cols = stage_columns(sh.sheet_widths)
        head_lines = max(_lines(c.header, c.width - 1.5) for c in stage_cols)
        body = sum(max(LINE_PT * _lines(r[0], stage_cols[0].width) + 2, LINE_PT) for r in stage_rows(h))
        sh.raw([])
        sh.keep_together(LINE_PT * 4 + head_lines * LINE_PT + body)
        sh.raw([])
        sh.raw([sh.text_cell("Aktiviteter per steg", st.section)])
        sh.next_table(stage_cols)
        sh.header()
        for r in stage_rows(h):
            sh.data(r)
        sh.totals(label_col=0)
    return len(rows)


AGREEMENT_COLUMNS = [
    _C("id", "Id", "id", 6), _C("title", "Titel", "wrap", 20), _C("kind", "Typ", "wrap", 16),
    _C("status", "Status", "text", 11), _C("own", "Vår organisation", "wrap", 20, detail=True),
    _C("partners", "Part(er)", "wrap", 15), _C("case", "Diarienr", "text", 14),
    _C("start", "Start", "date", 11), _C("end", "Slut", "date", 11),
    _C("fee", "Årsavgift", "money", 13, total=True), _C("n_inv", "Fakturor per år", "int", 9, detail=True),
    _C("notice", "Uppsägning", "wrap", 18), _C("ext", "Förlängning senast", "date", 11),
    _C("next", "Nästa tidsfrist", "date", 11), _C("next_text", "Tidsfristen avser", "wrap", 12),
    _C("acts", "Aktiviteter", "int", 11, total=True), _C("themes", "Teman", "wrap", 15)]

ECONOMY_COLUMNS = [
    _C("agreement", "Avtal", "wrap", 32), _C("year", "År", "int", 7), _C("source", "Källa", "wrap", 24),
    _C("budget", "Budget", "money", 13, total=True), _C("alloc", "Tilldelat", "money", 13, total=True),
    _C("disb", "Överfört", "money", 13, total=True), _C("rem", "Kvar att föra över", "money", 13, total=True),
    _C("fee_plan", "Avgift planerad", "money", 13, total=True),
    _C("fee_inv", "Avgift fakturerad", "money", 13, total=True),
    _C("fee_paid", "Avgift betald", "money", 13, total=True),
    _C("extra", "Tilläggsuppdrag", "money", 13, total=True)]

REPORT_COLUMNS = [
    _C("id", "Rapport-id", "id", 9), _C("activity_id", "Aktivitet-id", "id", 10),
    _C("activity", "Aktivitet", "wrap", 34), _C("agreement", "Avtal", "wrap", 26),
    _C("kind", "Rapport", "text", 15), _C("seq", "Nr", "int", 5), _C("due", "Ska in", "date", 11),
    _C("received", "Inkom", "date", 11), _C("overdue", "Försenad", "text", 9),
    _C("late", "Dagar sen", "int", 8, total=True), _C("presented", "Presenterad", "date", 11),
    _C("body", "Presenterad för", "wrap", 16), _C("approved", "Godkänd", "text", 9)]

MEETING_COLUMNS = [
    _C("on", "Datum", "date", 11), _C("body", "Organ", "wrap", 24), _C("kind", "Typ", "text", 7),
    _C("para", "§", "text", 6), _C("title", "Rubrik / ärende", "wrap", 28), _C("agreement", "Avtal", "wrap", 20),
    _C("activity", "Aktivitet-id", "id", 10), _C("case", "Diarienr", "text", 14),
    _C("decision", "Beslut / ärenden", "wrap", 34), _C("res", "Reservationer", "wrap", 20),
    _C("place", "Plats", "wrap", 15), _C("status", "Status", "text", 10)]

DEADLINE_COLUMNS = [
    _C("due", "Datum", "date", 11), _C("left", "Dagar kvar", "int", 8), _C("urgency", "Brådska", "text", 14),
    _C("kind", "Slag", "text", 18), _C("title", "Vad", "wrap", 50), _C("detail", "Detalj", "wrap", 40),
    _C("ref", "Avser", "text", 10), _C("ref_id", "Id", "id", 6)]

CHANGE_COLUMNS = [
    _C("kind", "Ändring", "text", 18), _C("entity", "Avser", "text", 10), _C("id", "Id", "id", 6),
    _C("title", "Titel", "wrap", 36), _C("detail", "Detalj", "wrap", 30), _C("before", "Före", "mixed", 18),
    _C("after", "Efter", "mixed", 18), _C("diff", "Skillnad", "money", 14, total=True)]


# Row builders: values in column order (money as int öre, dates as date). The writer and the
# benchmark's floor (plain openpyxl, same cells) both use them.
def agreement_rows(h: ExportHeader) -> list[list[Any]]:
    return [[a.id, a.title, a.kind.value, a.status.value, a.our_organisation, a.partners, a.case_number,
             a.start, a.end, a.annual_fee_ore, a.invoices_per_year if a.annual_fee_ore else None,
             a.notice_rule_text, a.extension_deadline, a.next_deadline, a.next_deadline_text,
             a.activity_count, a.themes] for a in h.agreements]


def economy_rows(h: ExportHeader) -> list[list[Any]]:
    rows = []
    for e in h.economy:
        if e.source is None:
            rows.append([e.agreement, e.year, "Avtalsavgift och tilläggsuppdrag", None, None, None, None,
                         e.fees_planned_ore, e.fees_invoiced_ore, e.fees_paid_ore, e.extra_work_ore or None])
        else:
            rows.append([e.agreement, e.year, e.source.value, e.budget_ore, e.allocated_ore, e.disbursed_ore,
                         e.remaining_ore, None, None, None, None])
    return rows


def report_values(r: ReportLine) -> list[Any]:
    return [r.id, r.activity_id, r.activity, r.agreement, r.kind.value.capitalize(), r.sequence, r.due,
            r.received_on, _yes_no(r.overdue) if r.received_on is None else "nej", r.days_late,
            r.presented_on, r.presented_body, _yes_no(r.approved)]


def meeting_values(m: MeetingLine) -> list[Any]:
    return [m.on, m.body, m.kind, m.paragraph, m.title, m.agreement, m.activity_id, m.case_number, m.decision,
            m.reservations, m.place, m.status]


def deadline_values(d: Deadline, today: date) -> list[Any]:
    return [d.due, (d.due - today).days, urgency(d, today).value, d.kind.value, d.title, d.detail,
            _REF_LABELS.get(d.ref_type, d.ref_type), d.ref_id]


def deadline_rows(deadlines: Iterable[Deadline], today: date) -> Iterator[list[Any]]:
    return (deadline_values(d, today) for d in deadlines)


def change_rows(changes: Iterable[Change], baseline: SnapshotInfo | None) -> Iterator[list[Any]]:
    """Förändringar's rows; a line saying why when there are none."""
    empty = True
    for c in changes:
        empty = False
        before = _Money(c.before) if c.money and isinstance(c.before, int) else c.before
        after = _Money(c.after) if c.money and isinstance(c.after, int) else c.after
        yield [c.kind, c.entity, c.ref_id, c.title, c.detail, before, after, c.diff_ore]
    if empty:
        text = ("Första exporten av detta urval: inget att jämföra med ännu." if baseline is None
                else "Inga förändringar sedan föregående export av samma urval.")
        yield [text, None, None, None, None, None, None, None]


def _yes_no(v: bool | None) -> str:
    return "" if v is None else ("ja" if v else "nej")


def _write_agreements(book: _Book, h: ExportHeader, tracker: ChangeTracker) -> int:
    for a in h.agreements:
        tracker.agreement(a)
    rows = agreement_rows(h)
    sh = _Sheet(book, "Avtal", AGREEMENT_COLUMNS, widths=_widths(AGREEMENT_COLUMNS, rows), freeze_col=3)
    sh.header()
    for r in rows:
        sh.data(r)
    last = sh.row
    sh.totals(label_col=1)
    sh.finish_filter(last)
    return len(rows)


def portfolio_values(a: ActivityLine) -> list[Any]:
    """One Portfölj row, in PORTFOLIO_COLUMNS order."""
    d = a.last_decision
    decision = None
    if d is not None:
        who = " ".join(p for p in (d.body, d.paragraph) if p)
        decision = f"{who}: {d.outcome}" if who and d.outcome else (who or d.outcome)
    return [a.id, a.kind.value, a.parent_id, a.title, a.agreement, a.administration, a.official, a.researcher,
            a.stage.value, a.start, a.end, a.budget_total_ore, a.next_report_due, d.decided_on if d else None, decision,
            a.version, *a.budget_by_source, a.case_number, a.agreement_case_number]


def _portfolio_sheet(book: _Book, h: ExportHeader) -> _Sheet:
    widths = []
    n_src = len(FundingSource)
    for col in PORTFOLIO_COLUMNS:
        if col.key.startswith("budget_") and col.key != "budget_total":
            n = list(FundingSource).index(FundingSource[col.key.removeprefix("budget_")])
            widths.append(_money_width(h.budget_totals[n] if len(h.budget_totals) == n_src else 0, col.header))
        elif col.key == "budget_total":
            widths.append(_money_width(sum(h.budget_totals), col.header))
        elif col.key in ("id", "parent_id"):  # a digit per character, plus the cell's padding
            widths.append(max(col.width, len(str(h.max_activity_id)) + 1.0))
        else:
            widths.append(col.width)
    return _Sheet(book, PORTFOLIO_SHEET, PORTFOLIO_COLUMNS, widths=widths, freeze_col=5)


def _write_economy(book: _Book, h: ExportHeader) -> int:
    rows = economy_rows(h)
    cols = ECONOMY_COLUMNS
    totals = {i: sum(r[i] for r in rows if isinstance(r[i], int)) for i, c in enumerate(cols) if c.kind == "money"}
    sh = _Sheet(book, "Ekonomi", cols, widths=_widths(cols, rows, totals), freeze_col=4)
    sh.header()
    for r in rows:
        sh.data(r)
    last = sh.row
    sh.totals(label_col=0)
    sh.finish_filter(last)
    return len(rows)


def _deadline_sheet(book: _Book, reader: ExportReader, today: date) -> _Sheet:
    """Measured by a first pass over the deadlines (streamed: the overdue reports grow with the
    portfolio); the export writes them in a second pass."""
    widths = _widths(DEADLINE_COLUMNS, deadline_rows(reader.deadlines(), today))
    return _Sheet(book, "Deadlines", DEADLINE_COLUMNS, widths=widths, freeze_col=2)


def _write_changes(book: _Book, tracker: ChangeTracker, count: int, baseline: SnapshotInfo | None) -> int:
    """Förändringar, read twice from the tracker's scratch database: widths, then rows."""
    sh = _Sheet(book, "Förändringar", CHANGE_COLUMNS, widths=_widths(CHANGE_COLUMNS, change_rows(tracker.changes(),
                                                                                                  baseline)),
                freeze_col=4)
    if baseline is not None:
        when = baseline.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        sh.ws.oddHeader.right.text = header_text(f"Jämfört med export {when}", 40)
    sh.header()
    for r in change_rows(tracker.changes(), baseline):
        sh.data(r)
    last = sh.row
    if count:
        sh.totals(label_col=3)
    sh.finish_filter(last)
    return count


def _write_notes(book: _Book) -> None:
    cols = [_C("sheet", "Blad", "text", 16), _C("row", "Rad", "int", 7), _C("col", "Kolumn", "text", 8),
            _C("header", "Rubrik", "wrap", 22), _C("msg", "Meddelande", "wrap", 80)]
    notes = list(book.notes)
    sh = _Sheet(book, NOTES_SHEET, cols, freeze_col=1)
    sh.header()
    for n in notes:
        sh.data([n.sheet, n.row, n.column, n.header, n.message])
    sh.finish_filter()


# ---- saving --------------------------------------------------------------------------
def _save(wb: Workbook, path: Path, company: str) -> None:
    """Save like openpyxl does, but with the organisation as Company in docProps/app.xml."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.packaging.extended import ExtendedProperties
    from openpyxl.writer.excel import ExcelWriter
    from openpyxl.xml.constants import ARC_APP
    from openpyxl.xml.functions import tostring

    # openpyxl's ExtendedProperties does not write Company, so the element is added here.
    tree = ExtendedProperties().to_tree()
    if company:
        from openpyxl.xml.functions import SubElement  # lxml's or ElementTree's, as openpyxl uses

        ns = tree.tag.split("}")[0] + "}" if tree.tag.startswith("{") else ""
        SubElement(tree, f"{ns}Company").text = plain_text(company)
    app_xml = tostring(tree)

    class _Archive(ZipFile):
        def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
            if zinfo_or_arcname == ARC_APP:
                data = app_xml
            super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    archive = _Archive(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(wb, archive).save()
    finally:
        archive.close()


def _discard(wb: Workbook) -> None:
    """Remove the sheets' temporary files of a workbook that will not be saved (cancel/error)."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            rows = getattr(ws, "_rows", None)
            if rows is not None:
                rows.close()
            writer.xf.close()
        except Exception:  # noqa: BLE001 - best effort while abandoning the export
            pass
        try:
            writer.cleanup()
        except (OSError, ValueError):
            pass


def _properties(wb: Workbook, h: ExportHeader, user: str) -> None:
    p = wb.properties
    p.title = plain_text(f"Samverkansportfölj {h.today.isoformat()}")
    p.subject = plain_text(f"Underlag för kommunstyrelsen – {h.scope_text}")
    p.creator = plain_text(user or "Samverkan Desktop", 100)
    p.lastModifiedBy = p.creator
    p.keywords = "samverkan; portfölj; forskningssamverkan; kommunstyrelsen"
    p.description = plain_text(f"{h.organisation}. Exporterad av Samverkan Desktop.", 500)
    p.category = "Underlag för kommunstyrelsen"
    p.created = datetime.now().replace(microsecond=0)
    p.modified = p.created


# ---- the export ----------------------------------------------------------------------
def export_portfolio(sv: Any, out: Path, today: date, *, year: int | None = None, agreement_id: int | None = None,
                     cancelled: Callable[[], bool] | None = None, store_snapshot: bool = True,
                     user: str = "") -> Generator[Progress, None, ExportResult]:
    """Write the workbook to `out` (atomically: a temporary file is renamed at the end), then
    store the snapshot that the next export of the same scope compares with.

    Yields Progress(done, total, message); returns ExportResult. Cancel by closing the
    generator or by `cancelled()` returning True (raises Cancelled; no file is left behind)."""
    from ..db.audit import current_user
    from ..db.errors import describe_os_error

    out = Path(out)
    scope = ExportScope(year, agreement_id)
    data = ExportDataService(sv.db)
    user = user or sv.db.user or current_user()
    if not out.parent.is_dir():
        raise ExportError(f"Mappen {out.parent} finns inte.")
    latest = data.latest_snapshot(scope)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".samverkan-", suffix=".xlsx.tmp", dir=out.parent)
    except OSError as exc:
        raise ExportError(f"Arbetsboken kan inte skrivas i mappen {out.parent}: {describe_os_error(exc)}.") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    book: _Book | None = None
    tracker: ChangeTracker | None = None
    saved = False
    try:
        # the baseline is the previous export of the scope, when its snapshot can be read
        tracker = ChangeTracker(latest[1] if latest is not None else None, today)
        baseline = latest[0] if latest is not None and tracker.has_baseline else None
        del latest  # the previous snapshot's document is in the tracker's scratch database now
        with data.open(scope, today) as reader:
            h = reader.header()
            total = h.activity_count + h.report_count + h.decision_count + len(h.meetings) + h.deadline_count + 10
            done = 0
            yield Progress(done, total, "Hämtar uppgifter")
            book = _Book(h, today)
            rows: dict[str, int] = {}
            # Sheets are created in tab order; each streams to its own file, so Sammanfattning (the
            # first tab) is filled last, when the number of changes is known.
            summary = _summary_sheet(book, h)
            rows["Avtal"] = _write_agreements(book, h, tracker)
            activities_sheet = _portfolio_sheet(book, h)
            activities_sheet.header()
            for a in reader.activities():
                tracker.activity(a)
                activities_sheet.data(portfolio_values(a))
                done += 1
                if done % PROGRESS_EVERY == 0:
                    _check(cancelled)
                    yield Progress(done, total, f"Portfölj: {activities_sheet.data_rows} aktiviteter")
            last = activities_sheet.row
            activities_sheet.totals(label_col=3)
            activities_sheet.finish_filter(last)
            rows[PORTFOLIO_SHEET] = activities_sheet.data_rows
            rows["Ekonomi"] = _write_economy(book, h)
            rep = _Sheet(book, "Uppföljning", REPORT_COLUMNS, freeze_col=4)
            rep.header()
            for r in reader.reports():
                rep.data(report_values(r))
                done += 1
                if done % PROGRESS_EVERY == 0:
                    _check(cancelled)
                    yield Progress(done, total, f"Uppföljning: {rep.data_rows} rapporter")
            last = rep.row
            rep.totals(label_col=2)
            rep.finish_filter(last)
            rows["Uppföljning"] = rep.data_rows
            meet = _Sheet(book, "Möten och beslut", MEETING_COLUMNS, freeze_col=2)
            meet.header()
            for m in reader.meetings_and_decisions(h.meetings):
                tracker.decision(m)
                meet.data(meeting_values(m))
                done += 1
                if done % PROGRESS_EVERY == 0:
                    _check(cancelled)
                    yield Progress(done, total, f"Möten och beslut: {meet.data_rows} rader")
            meet.finish_filter()
            rows["Möten och beslut"] = meet.data_rows
            dl = _deadline_sheet(book, reader, today)
            dl.header()
            for d in reader.deadlines():
                tracker.deadline(d)
                dl.data(deadline_values(d, today))
                done += 1
                if done % PROGRESS_EVERY == 0:
                    _check(cancelled)
                    yield Progress(done, total, f"Deadlines: {dl.data_rows} rader")
            dl.finish_filter()
            rows["Deadlines"] = dl.data_rows
            snapshot, changes = tracker.finish()
            rows["Förändringar"] = _write_changes(book, tracker, changes, baseline)
            rows["Sammanfattning"] = _write_summary(summary, h, changes, baseline)
            if book.notes:
                _write_notes(book)
            _properties(book.wb, h, user)
            _check(cancelled)
            yield Progress(total - 5, total, "Sparar arbetsboken")
        try:
            _save(book.wb, tmp, h.organisation)
            os.replace(tmp, out)
        except PermissionError as exc:
            raise ExportError(f"Filen {out} kan inte skrivas – är den öppen i Excel? Stäng den och försök igen.") \
                from exc
        except OSError as exc:
            raise ExportError(f"Arbetsboken kunde inte sparas som {out}: {describe_os_error(exc)}.") from exc
        saved = True
    finally:
        if tracker is not None:
            tracker.close()
        if not saved:
            if book is not None:
                _discard(book.wb)
            tmp.unlink(missing_ok=True)
    assert tracker is not None and book is not None
    warnings: list[str] = []
    snapshot_id: int | None = None
    if store_snapshot:
        try:
            snapshot_id = data.save_snapshot(scope, today, snapshot, tracker.activity_count, user)
        except Exception as exc:  # noqa: BLE001 - the file is written; only the next comparison suffers
            warnings.append("Ögonblicksbilden för nästa exports Förändringar kunde inte sparas "
                            f"({type(exc).__name__}); nästa export jämför med en äldre export.")
    if book.notes:
        warnings.append(f"{len(book.notes)} celler innehöll text som Excel inte kan lagra oförändrad; "
                        f"se bladet {NOTES_SHEET}.")
    yield Progress(total, total, "Klart")
    rows = {name: rows[name] for name in SHEETS if name in rows}
    return ExportResult(path=out, scope_text=h.scope_text, rows=rows, notes=list(book.notes), changes=changes,
                        baseline=baseline, snapshot_id=snapshot_id, warnings=warnings)


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled("Exporten avbröts; ingen fil skrevs.")
