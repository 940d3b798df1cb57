"""The simple import template (resources/templates/aktiviteter_mall.xlsx) for a first import
from the analyst's own spreadsheet. The committed file is produced by `write_template`; a test
keeps the two equal. Columns: portfolio_layout.TEMPLATE_COLUMNS."""

from __future__ import annotations

from pathlib import Path

from ..domain.followup import ActivityKind
from .portfolio_layout import TEMPLATE_COLUMNS, TEMPLATE_SHEET

TEMPLATE_FILE = "aktiviteter_mall.xlsx"

INSTRUCTIONS = [
    ("Importmall för aktiviteter – Samverkan Desktop", True),
    ("", False),
    ("Fyll i en rad per aktivitet på bladet Aktiviteter. Rubrikraden ska stå kvar; kolumner kan tas bort "
     "eller flyttas, och okända kolumner hoppas över med en varning.", False),
    ("Importera med Arkiv → Importera portfölj (eller: samverkan-desktop import portfolio FIL.xlsx --dry-run). "
     "Förhandsgranskningen visar vad som skapas och varje problem med rad och kolumn; inget skrivs förrän du "
     "bekräftar, och då skrivs allt i en enda transaktion (allt eller inget).", False),
    ("", False),
    ("Kolumner", True),
    ("Typ – förstudie, projekt, program, profilbärande område eller tilläggsuppdrag (krävs).", False),
    ("Titel – krävs, högst 300 tecken. En aktivitet med samma titel i samma avtal skapas inte två gånger.", False),
    ("Avtal – avtalets titel eller diarienummer, precis som i programmet. Avtal skapas inte av importen.", False),
    ("Ingår i – titeln på ett program eller profilbärande område som redan finns, eller som står på en rad "
     "ovanför i samma fil.", False),
    ("Förvaltning/bolag – fri text.", False),
    ("Ansvarig tjänsteperson, Ansvarig forskare – namn. Finns personen inte i personregistret skapas hon "
     "(bara namnet); förhandsgranskningen listar alla nya personer.", False),
    ("Start, Slut – datum (cellformat datum, eller text ÅÅÅÅ-MM-DD).", False),
    ("Diarienummer, Forskningsfråga – fri text.", False),
    ("Budgetår och beloppen per finansieringskälla – i kronor (tal, eller text som 75 000,50 kr). "
     "Beloppen blir budgetrader för budgetåret (eller startåret) med kostnadsslaget övrigt.", False),
    ("", False),
    ("Alla nya aktiviteter börjar i steget idé/dialog; flytta dem vidare i arbetsflödet i programmet. "
     "Formler läses inte: skriv in värdena.", False),
]


def write_template(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .workbook import DATE, FONT, MONEY2

    wb = Workbook()
    ws = wb.active
    ws.title = TEMPLATE_SHEET
    head_font = Font(name=FONT, size=11, bold=True)
    fill = PatternFill("solid", fgColor="DDE5F0")
    for i, col in enumerate(TEMPLATE_COLUMNS, start=1):
        c = ws.cell(row=1, column=i, value=col.header)
        c.font = head_font
        c.fill = fill
        c.alignment = Alignment(wrap_text=True, vertical="bottom")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = col.width
        fmt = {"date": DATE, "money": MONEY2.replace(".00", ""), "int": "0"}.get(col.kind)
        if fmt:
            for r in range(2, 502):
                ws.cell(row=r, column=i).number_format = fmt
    ws.freeze_panes = "C2"
    kinds = DataValidation(type="list", formula1='"' + ",".join(k.value for k in ActivityKind) + '"',
                           allow_blank=True, showErrorMessage=True, errorTitle="Typ",
                           error="Välj förstudie, projekt, program, profilbärande område eller tilläggsuppdrag.")
    ws.add_data_validation(kinds)
    kinds.add("A2:A1000")
    info = wb.create_sheet("Instruktioner")
    info.column_dimensions["A"].width = 120
    for r, (text, bold) in enumerate(INSTRUCTIONS, start=1):
        c = info.cell(row=r, column=1, value=text)
        c.font = Font(name=FONT, size=14 if r == 1 else 11, bold=bold)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.title = "Importmall för aktiviteter"
    wb.properties.creator = "Samverkan Desktop"
    from datetime import datetime

    wb.properties.created = datetime(2026, 1, 1)
    wb.properties.modified = datetime(2026, 1, 1)
    path = Path(path)
    wb.save(path)
    return path


def template_path() -> Path:
    """The committed template in the source tree (resources/templates/)."""
    return Path(__file__).resolve().parents[2] / "resources" / "templates" / TEMPLATE_FILE
