"""Safe cells for Excel: user text is always text, never a formula; what Excel cannot hold is
transformed visibly and reported, never cut silently. Also sheet names and header/footer text.

Rules (documented for users in docs/EXCEL.md):
- Every cell holding user text is written as a string (`t="inlineStr"`), never as a formula.
  A text that Excel would treat as a formula when edited (starting with = + - @) also gets
  Excel's "quote prefix", so editing the cell in Excel keeps it text.
- Control characters that XML cannot store (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) and
  DEL (U+007F) are replaced by their visible Unicode "control picture" (U+0000 → ␀, U+0007 → ␇,
  DEL → ␡); lone surrogates and the non-characters U+FFFE/U+FFFF by U+FFFD (�). Tab, line feed and
  carriage return are kept (a carriage return, alone or in CR LF, is stored as a line feed: XML
  itself would turn it into one). Each replacement is reported.
- A text longer than Excel's limit of 32 767 characters per cell keeps its beginning and ends
  with the visible marker TRUNCATION_MARKER; this is reported too. The full text stays in the
  application, and the importer refuses to import a cell that carries the marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles.cell_style import StyleArray

#: Excel's limit on the characters (UTF-16 code units) in one cell.
EXCEL_CELL_LIMIT = 32767
#: Ends a text that was shortened to fit in one cell.
TRUNCATION_MARKER = " […avkortad: hela texten finns i Samverkan Desktop]"
#: Excel's limit on a sheet name, and the characters a sheet name cannot contain.
SHEET_NAME_LIMIT = 31
_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
#: Header and footer text (all three sections together) must stay under 255 characters.
HEADER_FOOTER_LIMIT = 255

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: A text starting with one of these would become a formula if typed into Excel.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
#: Invisible characters that change how text is shown (bidi overrides, zero-width): kept, but flagged on import.
INVISIBLE_CONTROLS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class CellNote:
    """Something done to a cell's text so that Excel can hold it (shown to the user)."""

    sheet: str
    row: int
    column: str
    header: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}, rad {self.row}, kolumn {self.column} ({self.header}): {self.message}"


def _picture(match: re.Match[str]) -> str:
    c = match.group(0)
    code = ord(c)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def make_storable(text: str) -> tuple[str, list[str]]:
    """The text as Excel can store it, and what was changed (Swedish, empty when nothing)."""
    notes: list[str] = []
    if _BAD_CHARS.search(text) is not None:
        n = len(_BAD_CHARS.findall(text))
        text = _BAD_CHARS.sub(_picture, text)
        notes.append(f"{n} kontrolltecken som Excel inte kan lagra visas som symboler (t.ex. ␀)")
    if len(text) > EXCEL_CELL_LIMIT // 2 and utf16_len(text) > EXCEL_CELL_LIMIT:
        total = len(text)
        room = EXCEL_CELL_LIMIT - utf16_len(TRUNCATION_MARKER)
        kept = text[:room]
        while utf16_len(kept) > room:
            kept = kept[:-1]
        text = kept + TRUNCATION_MARKER
        notes.append(f"texten har {total:,} tecken men en Excel-cell rymmer {EXCEL_CELL_LIMIT:,}; cellen visar "
                     f"början och slutar med markeringen '[…avkortad …]'".replace(",", " "))
    return text, notes


class SafeText:
    """Builds text cells for one write-only sheet; collects notes about transformed cells."""

    def __init__(self, ws: Any, sheet_title: str, notes: list[CellNote]) -> None:
        self.ws = ws
        self.sheet = sheet_title
        self.notes = notes

    def prepare(self, text: str, row: int, column: str, header: str) -> tuple[str, bool]:
        """The text as the cell will hold it, and whether it needs Excel's quote prefix
        (it starts like a formula). Transformations are recorded as notes."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")  # XML would turn CR into LF anyway
        if _BAD_CHARS.search(text) is not None or len(text) > EXCEL_CELL_LIMIT // 2:
            text, notes = make_storable(text)
            for n in notes:
                self.notes.append(CellNote(self.sheet, row, column, header, n))
        return text, text[:1] in FORMULA_TRIGGERS

    def cell(self, text: str, row: int, column: str, header: str, style: Any = None) -> Any:
        """A value for `ws.append`: a plain str when safe, else a WriteOnlyCell forced to text."""
        text, quote = self.prepare(text, row, column, header)
        if quote or style is not None:
            c = WriteOnlyCell(self.ws)
            c._value = text  # bypass openpyxl's formula detection and its silent 32 767 cut
            c.data_type = "s"
            if style is not None:
                c._style = StyleArray(style)
            if quote:
                c.quotePrefix = True
            return c
        return text


def safe_sheet_name(name: str, taken: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\ or control characters, no leading or
    trailing apostrophe, at most 31 characters, not the reserved name "History"."""
    cleaned = _SHEET_BAD.sub("_", name).strip().strip("'").strip() or "Blad"
    if cleaned.casefold() == "history":
        cleaned = "History_"
    cleaned = cleaned[:SHEET_NAME_LIMIT]
    taken_cf = {t.casefold() for t in (taken or set())}
    candidate, n = cleaned, 2
    while candidate.casefold() in taken_cf:
        suffix = f" ({n})"
        candidate = cleaned[:SHEET_NAME_LIMIT - len(suffix)] + suffix
        n += 1
    return candidate


def header_text(text: str, limit: int = 80) -> str:
    """User text for a page header/footer section: '&' escaped, control characters and length tamed."""
    text, _ = make_storable(text.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return text.replace("&", "&&")


def plain_text(text: str, limit: int = 255) -> str:
    """User text for document properties: storable and short."""
    text, _ = make_storable(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"
