"""Reading a portfolio workbook for import: the Portfölj sheet of an export (so export → edit in
Excel → import works) or the simple template in resources/templates/.

Hostile files are refused cleanly, never with a traceback:
- the file must be a plain .xlsx (a zip), at most MAX_FILE_BYTES, with at most MAX_MEMBERS
  parts, MAX_UNCOMPRESSED bytes unpacked in total and no part compressed more than MAX_RATIO:1
  (zip bombs); encrypted and legacy .xls files are refused with a Swedish message;
- XML is parsed by openpyxl through defusedxml (no DTDs, entities or external references);
- formula cells, wrong types, unreadable dates and amounts are reported per cell; nothing from
  a cell is ever evaluated.

Entry points (generators yielding Progress, like every long job):
    preview_import(sv, path, today) -> ImportPreview          (nothing is written)
    apply_import(sv, preview, today) -> ImportOutcome         (one transaction)
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..domain.dates import parse_date
from ..domain.errors import DomainError
from ..domain.money import parse_money
from ..services.errors import ServiceError
from ..services.portfolio_import import (
    ERROR,
    WARNING,
    ImportOutcome,
    ImportPlan,
    ImportProblem,
    PortfolioImportService,
    RowInput,
    norm_name,
)
from .portfolio_layout import (
    PORTFOLIO_COLUMNS,
    PORTFOLIO_SHEET,
    TEMPLATE_COLUMNS,
    TEMPLATE_SHEET,
    TOTALS_LABEL,
    Column,
    header_index,
)
from .progress import Cancelled, Progress
from .xlsx_safe import INVISIBLE_CONTROLS, TRUNCATION_MARKER

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECK_FROM = 1024 * 1024  # small parts compress freely
MAX_ROWS = 100_000
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 10
#: Largest amount accepted (öre): 10^15 öre = 10 000 miljarder kr
MAX_ORE = 10**15


class ImportFileError(ServiceError):
    """The file cannot be imported at all (not an xlsx, too big, hostile, no known sheet)."""


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    sheet: str
    layout: str  # "portfolj" | "mall"
    rows: int
    plan: ImportPlan

    @property
    def problems(self) -> list[ImportProblem]:
        return self.plan.problems

    @property
    def errors(self) -> list[ImportProblem]:
        return self.plan.errors

    @property
    def warnings(self) -> list[ImportProblem]:
        return self.plan.warnings

    @property
    def has_changes(self) -> bool:
        return self.plan.has_changes

    @property
    def can_apply(self) -> bool:
        """Apply is allowed when there are no errors and something to change (warnings are fine)."""
        return not self.errors and self.has_changes

    def report_lines(self) -> list[str]:
        """The preview as Swedish text lines (CLI; the GUI shows the same in a table)."""
        p = self.plan
        kind = "Portfölj-bladet (export)" if self.layout == "portfolj" else "importmallen"
        out = [f"Fil: {self.path.name}, blad {self.sheet} ({kind}), {self.rows} rader",
               f"Skapas: {len(p.creates)} aktiviteter · Ändras: {len(p.updates)} · Oförändrade: {p.unchanged}"
               + (f" · Nya personer: {len(p.new_people)}" if p.new_people else "")
               + f" · Fel: {len(self.errors)} · Varningar: {len(self.warnings)}"]
        for c in p.creates:
            out.append(f"  + rad {c.row}: skapa {c.data.kind.value} '{c.title}'"
                       + (f" med budget {_kr(sum(b.amount_ore for b in c.budget))}" if c.budget else ""))
        for u in p.updates:
            out.append(f"  ~ rad {u.row}: ändra id {u.activity_id} '{u.title}'")
            for ch in u.changes:
                out.append(f"      {ch.label}: {ch.old} → {ch.new}")
        for name in p.new_people:
            out.append(f"  + ny person: {name}")
        for pr in self.problems:
            out.append(f"  ! {pr}")
        return out


def _kr(ore: int) -> str:
    from ..domain.money import format_money

    return format_money(ore)


# ---- the file ------------------------------------------------------------------------
def check_file(path: Path) -> None:
    """Refuse what is not a plain, reasonably sized .xlsx before any XML is parsed."""
    p = Path(path)
    try:
        if not p.is_file():
            raise ImportFileError(f"Filen {p} finns inte (eller är ingen vanlig fil).")
        size = p.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"Filen {p} kan inte läsas: {exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise ImportFileError(f"Filen är {size // (1024 * 1024)} MB; högst {MAX_FILE_BYTES // (1024 * 1024)} MB "
                              "kan importeras.")
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFileError(f"Filen {p} kan inte läsas: {exc.strerror or exc}") from exc
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("Filen är en äldre Excel-fil (.xls) eller en lösenordsskyddad arbetsbok. "
                              "Spara den som Excel-arbetsbok (.xlsx) utan lösenord och försök igen.")
    if not head.startswith(b"PK"):
        raise ImportFileError("Filen är ingen Excel-arbetsbok (.xlsx).")
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ImportFileError(f"Arbetsboken har {len(infos)} delar; högst {MAX_MEMBERS} tillåts.")
            total = 0
            names = set()
            for info in infos:
                names.add(info.filename)
                if info.flag_bits & 0x1:
                    raise ImportFileError("Arbetsboken är krypterad och kan inte läsas.")
                total += info.file_size
                if info.file_size > RATIO_CHECK_FROM and (
                        info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO):
                    raise ImportFileError("Arbetsboken är misstänkt hårt packad (en så kallad zip-bomb) och läses inte.")
            if total > MAX_UNCOMPRESSED:
                raise ImportFileError(f"Arbetsboken packas upp till {total // (1024 * 1024)} MB; högst "
                                      f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB tillåts.")
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise ImportFileError("Filen är en zip-fil men ingen Excel-arbetsbok (.xlsx).")
    except zipfile.BadZipFile as exc:
        raise ImportFileError("Filen är skadad eller ingen Excel-arbetsbok (.xlsx).") from exc
    except (OSError, RuntimeError, NotImplementedError, ValueError, EOFError) as exc:
        raise ImportFileError(f"Arbetsboken kan inte läsas: {exc}") from exc


def _open_workbook(fh: Any) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(fh, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure of an untrusted file is "cannot read"
        raise ImportFileError(_parse_failure(exc)) from exc


def _parse_failure(exc: BaseException) -> str:
    """A Swedish sentence for a parser failure; defusedxml's refusals are named as such (openpyxl
    wraps them in a ValueError, so the cause chain is searched)."""
    from defusedxml.common import DefusedXmlException

    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            break
        if isinstance(seen, DefusedXmlException):
            return ("Arbetsboken innehåller otillåtna XML-konstruktioner (DTD, entiteter eller externa referenser) "
                    "och läses inte.")
        seen = seen.__cause__ or seen.__context__
    return f"Arbetsboken kunde inte läsas ({type(exc).__name__}). Öppna den i Excel, spara som .xlsx och försök igen."


@dataclass
class _Layout:
    sheet: str
    layout: str
    header_row: int
    by_index: dict[int, Column]  # 0-based column index -> Column
    letters: dict[str, tuple[str, str]] = field(default_factory=dict)


def _find_layout(wb: Any, problems: list[ImportProblem]) -> tuple[Any, _Layout]:
    names = list(wb.sheetnames)
    preferred = sorted(names, key=lambda n: (norm_name(n) != norm_name(PORTFOLIO_SHEET),
                                             norm_name(n) != norm_name(TEMPLATE_SHEET), names.index(n)))
    port_idx, tmpl_idx = header_index(PORTFOLIO_COLUMNS), header_index(TEMPLATE_COLUMNS)
    for name in preferred:
        ws = wb[name]
        if not hasattr(ws, "iter_rows"):
            continue  # a chart sheet
        scan = ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, max_col=MAX_COLUMNS, values_only=True)
        try:
            found = _scan_header(name, scan, port_idx, tmpl_idx, problems)
        finally:
            scan.close()  # releases the part's file handle at once
        if found is not None:
            return ws, found
    raise ImportFileError(f"Arbetsboken har inget blad med rubrikraden för import (bladet {PORTFOLIO_SHEET} från en "
                          f"export, eller bladet {TEMPLATE_SHEET} från mallen); rubriken Titel hittades inte bland de "
                          f"första {HEADER_SCAN_ROWS} raderna.")


def _scan_header(name: str, scan: Any, port_idx: dict[str, Column], tmpl_idx: dict[str, Column],
                 problems: list[ImportProblem]) -> _Layout | None:
    from openpyxl.utils import get_column_letter

    for r_no, row in enumerate(scan, start=1):
        heads = [norm_name(v) if isinstance(v, str) else "" for v in row]
        if norm_name("Titel") not in heads:
            continue
        is_portfolio = norm_name("Id") in heads
        index = port_idx if is_portfolio else tmpl_idx
        by_index: dict[int, Column] = {}
        letters: dict[str, tuple[str, str]] = {}
        layout = _Layout(name, "portfolj" if is_portfolio else "mall", r_no, by_index, letters)
        for i, h in enumerate(heads):
            if not h:
                continue
            col = index.get(h)
            letter = get_column_letter(i + 1)
            if col is None:
                problems.append(ImportProblem(name, r_no, letter, str(row[i]), "kolumnen känns inte igen och "
                                              "läses inte", WARNING))
                continue
            if col.key in letters:
                problems.append(ImportProblem(name, r_no, letter, str(row[i]),
                                              f"kolumnen finns två gånger (också i kolumn {letters[col.key][0]})"))
                continue
            by_index[i] = col
            letters[col.key] = (letter, str(row[i]))
        return layout
    return None


# ---- cells ---------------------------------------------------------------------------
class _CellError(Exception):
    def __init__(self, message: str, severity: str = ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.severity = severity


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or (
        isinstance(getattr(cell, "value", None), str) and getattr(cell, "data_type", None) == "f")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        raise _CellError("är ett sanningsvärde (SANT/FALSKT), inte text")
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _CellError("är inget giltigt värde")
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        raise _CellError(f"har en typ som inte kan läsas ({type(value).__name__})")
    if TRUNCATION_MARKER.strip() in text:
        raise _CellError("texten avkortades vid exporten (Excel rymmer högst 32 767 tecken per cell) och kan inte "
                         "importeras; ändra texten i programmet")
    return text


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise _CellError("är ett sanningsvärde, inte ett heltal")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) <= 18:
        return int(value.strip())
    raise _CellError(f"'{_short(value)}' är inget heltal")


def _date(value: Any, label: str) -> date:
    if isinstance(value, bool):
        raise _CellError("är ett sanningsvärde (SANT/FALSKT), inte ett datum")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value, label)
        except DomainError as exc:
            raise _CellError(exc.message) from exc
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _CellError(f"'{_short(value)}' är ett tal, inte ett datum (formatera cellen som datum eller skriv "
                         "ÅÅÅÅ-MM-DD)")
    raise _CellError(f"'{_short(value)}' är inget datum (skriv ÅÅÅÅ-MM-DD)")


def _money(value: Any, label: str) -> int:
    if isinstance(value, bool):
        raise _CellError("är ett sanningsvärde, inte ett belopp")
    if isinstance(value, str):
        try:
            ore = parse_money(value, label)
        except DomainError as exc:
            raise _CellError(exc.message) from exc
    elif isinstance(value, (int, float, Decimal)):
        try:
            d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if not d.is_finite():
                raise _CellError("är inget giltigt belopp")
            cents = d * 100
            if cents != cents.to_integral_value():
                raise _CellError(f"{_short(value)} har fler än två decimaler (belopp anges i kronor och ören)")
            ore = int(cents)
        except InvalidOperation as exc:
            raise _CellError("är inget giltigt belopp") from exc
    else:
        raise _CellError(f"'{_short(value)}' är inget belopp")
    if abs(ore) > MAX_ORE:
        raise _CellError("beloppet är orimligt stort")
    return ore


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _convert(col: Column, cell: Any) -> Any:
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if _is_formula(cell):
        if col.editable:
            raise _CellError(f"cellen innehåller en formel ({_short(value)}); skriv in värdet i stället")
        raise _CellError("formeln i cellen läses inte (kolumnen importeras inte)", WARNING)
    kind = col.kind
    if kind in ("text", "wrap"):
        return _text(value)
    if kind in ("id", "int"):
        return _int(value)
    if kind == "date":
        return _date(value, col.header)
    if kind == "money":
        return _money(value, col.header)
    return value  # pragma: no cover


def _read_rows(ws: Any, lay: _Layout, problems: list[ImportProblem], cancelled: Callable[[], bool] | None
               ) -> Generator[Progress, None, list[RowInput]]:
    max_col = max(lay.by_index) + 1 if lay.by_index else 1
    title_idx = next((i for i, c in lay.by_index.items() if c.key == "title"), None)
    id_idx = next((i for i, c in lay.by_index.items() if c.key == "id"), None)
    rows_iter = ws.iter_rows(min_row=lay.header_row + 1, max_col=max_col)
    try:
        return (yield from _rows(rows_iter, lay, problems, cancelled, title_idx, id_idx))
    finally:
        rows_iter.close()


def _rows(rows_iter: Any, lay: _Layout, problems: list[ImportProblem], cancelled: Callable[[], bool] | None,
          title_idx: int | None, id_idx: int | None) -> Generator[Progress, None, list[RowInput]]:
    rows: list[RowInput] = []
    n = 0
    for row in rows_iter:
        n += 1
        if n % 1000 == 0:
            if cancelled is not None and cancelled():
                raise Cancelled("Importen avbröts; inget har skrivits.")
            yield Progress(n, 0, f"Läser rad {n}")
        cells = {i: row[i] for i in lay.by_index if i < len(row)}
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells.values()):
            continue
        r_no = lay.header_row + n  # read-only iter_rows also yields the rows missing in the file
        if title_idx is not None and title_idx in cells and isinstance(cells[title_idx].value, str) \
                and cells[title_idx].value.strip() == TOTALS_LABEL \
                and (id_idx is None or id_idx not in cells or cells[id_idx].value is None):
            continue  # the export's totals row
        if len(rows) >= MAX_ROWS:
            problems.append(ImportProblem(lay.sheet, r_no, "", "", f"fler än {MAX_ROWS} rader; resten läses inte"))
            break
        values: dict[str, Any] = {}
        invalid: set[str] = set()
        for i, col in lay.by_index.items():
            cell = cells.get(i)
            if cell is None:
                values[col.key] = None
                continue
            letter, header = lay.letters[col.key]
            try:
                v = _convert(col, cell)
            except _CellError as exc:
                problems.append(ImportProblem(lay.sheet, r_no, letter, header, exc.message, exc.severity))
                invalid.add(col.key)
                continue
            if isinstance(v, str) and INVISIBLE_CONTROLS.search(v):
                problems.append(ImportProblem(lay.sheet, r_no, letter, header,
                                              "texten innehåller osynliga styrtecken (t.ex. för textriktning) som "
                                              "kan få den att se annorlunda ut än den är; importeras oförändrad",
                                              WARNING))
            values[col.key] = v
        rows.append(RowInput(lay.sheet, r_no, lay.layout, values, dict(lay.letters), frozenset(invalid)))
    return rows


def read_workbook(path: Path, cancelled: Callable[[], bool] | None = None
                  ) -> Generator[Progress, None, tuple[_Layout, list[RowInput], list[ImportProblem]]]:
    """Check and read the file; raises ImportFileError for a file that cannot be imported at all."""
    check_file(path)
    problems: list[ImportProblem] = []
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, also when openpyxl fails half-way
    except OSError as exc:
        raise ImportFileError(f"Filen {path} kan inte läsas: {exc.strerror or exc}") from exc
    wb = None
    try:
        wb = _open_workbook(fh)
        try:
            ws, lay = _find_layout(wb, problems)
            rows = yield from _read_rows(ws, lay, problems, cancelled)
        except (ImportFileError, Cancelled):
            raise
        except Exception as exc:  # noqa: BLE001 - a malformed sheet part: report, never a traceback
            raise ImportFileError(_parse_failure(exc)) from exc
    finally:
        if wb is not None:
            try:
                wb.close()
            except Exception:  # noqa: BLE001
                pass
        fh.close()
    return lay, rows, problems


# ---- preview and apply ---------------------------------------------------------------
def preview_import(sv: Any, path: Path, today: date, cancelled: Callable[[], bool] | None = None
                   ) -> Generator[Progress, None, ImportPreview]:
    """Read the file and plan the import; nothing is written. Raises ImportFileError for a file
    that cannot be imported at all; every problem inside the file is in the preview instead."""
    path = Path(path)
    yield Progress(0, 0, "Kontrollerar filen")
    lay, rows, problems = yield from read_workbook(path, cancelled)
    yield Progress(0, 0, f"Jämför {len(rows)} rader med databasen")
    plan = PortfolioImportService(sv.db).plan(rows, today, problems)
    yield Progress(1, 1, "Förhandsgranskningen är klar")
    return ImportPreview(path, lay.sheet, lay.layout, len(rows), plan)


def apply_import(sv: Any, preview: ImportPreview, today: date) -> Generator[Progress, None, ImportOutcome]:
    """Write a previewed import in one transaction (all or nothing). Raises ValidationError when
    the preview has errors, ConflictError when a record changed since the preview."""
    total = len(preview.plan.creates) + len(preview.plan.updates)
    yield Progress(0, total, "Skriver ändringarna")
    outcome = PortfolioImportService(sv.db).apply(preview.plan, today)
    yield Progress(total, total, "Importen är klar")
    return outcome


__all__ = ["ImportFileError", "ImportPreview", "apply_import", "check_file", "preview_import", "read_workbook"]
