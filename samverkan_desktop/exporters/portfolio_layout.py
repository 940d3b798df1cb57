"""The columns of the Portfölj sheet and of the simple import template, shared by the workbook
writer and the importer (so export → edit in Excel → import reads what was written)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.catalog import FundingSource
from ..services.portfolio_import import norm_name

PORTFOLIO_SHEET = "Portfölj"
#: Label of the totals row below the data (the importer skips that row)
TOTALS_LABEL = "Summa (synliga rader)"
TEMPLATE_SHEET = "Aktiviteter"

#: Short Swedish labels of the funding sources in column headers.
SOURCE_LABELS: dict[FundingSource, str] = {
    FundingSource.AVTALSMEDEL: "avtalsmedel",
    FundingSource.EXTERN: "extern finansiär",
    FundingSource.KOMMUN_KONTANT: "kommunal medfinansiering",
    FundingSource.NATURAINSATS: "naturainsats",
    FundingSource.LAROSATE: "lärosätets insats",
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # id | int | text | wrap | money | date
    width: float
    #: Import writes this column (Portfölj: for existing and new rows; budget only for new rows)
    editable: bool = False
    total: bool = False
    hidden: bool = False
    aliases: tuple[str, ...] = ()
    #: A detail column: in a collapsed column group (Excel's + above the headers shows it), so it is
    #: neither on screen nor printed until opened. Its cells are written and imported as usual.
    detail: bool = False


def _budget_columns(prefix: str, editable: bool, detail: bool = False) -> list[Column]:
    return [Column(f"budget_{src.name}", f"{prefix}{label}" if prefix else label[:1].upper() + label[1:], "money", 13,
                   editable=editable, total=True, detail=detail)
            for src, label in SOURCE_LABELS.items()]


#: The board reads the first columns (printed on one A4 page width at 70 % or more); the budget per
#: source and the case numbers are detail columns, and Version (the import's lock) is hidden.
#: The importer finds columns by header, so their order may change between versions.
PORTFOLIO_COLUMNS: list[Column] = [
    Column("id", "Id", "id", 5),
    Column("kind", "Typ", "wrap", 15, editable=True),
    Column("parent_id", "Ingår i (id)", "int", 7, editable=True),
    Column("title", "Titel", "wrap", 25, editable=True),
    Column("agreement", "Avtal", "wrap", 17, editable=True),
    Column("administration", "Förvaltning/bolag", "wrap", 16, editable=True),
    Column("official", "Ansvarig tjänsteperson", "wrap", 13, editable=True),
    Column("researcher", "Ansvarig forskare", "wrap", 13, editable=True),
    Column("stage", "Steg", "wrap", 15),
    Column("start", "Start", "date", 10.5, editable=True),
    Column("end", "Slut", "date", 10.5, editable=True),
    Column("budget_total", "Budget totalt", "money", 14, total=True),
    Column("next_report_due", "Nästa rapport", "date", 10.5),
    Column("decision_date", "Senaste beslut, datum", "date", 10.5),
    Column("decision", "Senaste beslut (organ, §, beslut)", "wrap", 21),
    Column("version", "Version", "int", 8, hidden=True),
    *_budget_columns("Budget ", editable=True, detail=True),
    Column("case_number", "Diarienr (aktivitet)", "wrap", 13, editable=True, aliases=("Diarienr", "Diarienummer"),
           detail=True),
    Column("agreement_case_number", "Diarienr (avtal)", "wrap", 12, detail=True),
]

TEMPLATE_COLUMNS: list[Column] = [
    Column("kind", "Typ", "text", 14, editable=True),
    Column("title", "Titel", "wrap", 40, editable=True),
    Column("agreement", "Avtal", "wrap", 30, editable=True),
    Column("parent", "Ingår i", "wrap", 30, editable=True),
    Column("administration", "Förvaltning/bolag", "wrap", 22, editable=True),
    Column("official", "Ansvarig tjänsteperson", "wrap", 20, editable=True),
    Column("researcher", "Ansvarig forskare", "wrap", 20, editable=True),
    Column("start", "Start", "date", 12, editable=True),
    Column("end", "Slut", "date", 12, editable=True),
    Column("case_number", "Diarienummer", "wrap", 16, editable=True, aliases=("Diarienr", "Diarienr (aktivitet)")),
    Column("research_question", "Forskningsfråga", "wrap", 40, editable=True),
    Column("budget_year", "Budgetår", "int", 10, editable=True),
    *_budget_columns("", editable=True),
]


def header_index(columns: list[Column]) -> dict[str, Column]:
    """Column by normalised header (and alias): headers match like names do in the import
    (`norm_name`: Unicode form, case and spacing ignored)."""
    out: dict[str, Column] = {}
    for c in columns:
        for h in (c.header, *c.aliases):
            out.setdefault(norm_name(h), c)
    return out
