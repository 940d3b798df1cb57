"""`samverkan-desktop export portfolio` and `import portfolio`: drive the same generators the
GUI runs on its worker thread, print a Swedish summary, return the exit code."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from .progress import run_to_end

#: Exit codes of `import portfolio`
EXIT_OK = 0
EXIT_PROBLEMS = 2  # the file has errors: nothing was written


def export_portfolio(sv: Any, args: argparse.Namespace, today: date) -> int:
    from .workbook import export_portfolio as work

    result = run_to_end(work(sv, args.out, today, year=args.year, agreement_id=args.agreement))
    print(f"Arbetsboken skriven: {result.path}")
    print(f"Urval: {result.scope_text}")
    for sheet, n in result.rows.items():
        print(f"  {sheet:<18} {n:>7} rader")
    if result.baseline is None:
        print("Förändringar: första exporten av detta urval (nästa export jämför med denna).")
    else:
        print(f"Förändringar sedan exporten {result.baseline.created_at.astimezone():%Y-%m-%d %H:%M}: "
              f"{result.changes} st")
    for w in result.warnings:
        print(f"OBS: {w}", file=sys.stderr)
    for n in result.notes[:20]:
        print(f"  {n}", file=sys.stderr)
    if len(result.notes) > 20:
        print(f"  … och {len(result.notes) - 20} till (se bladet Meddelanden)", file=sys.stderr)
    return EXIT_OK


def import_portfolio(sv: Any, args: argparse.Namespace, today: date) -> int:
    from .portfolio_import import apply_import, preview_import

    preview = run_to_end(preview_import(sv, args.file, today))
    for line in preview.report_lines():
        print(line)
    if args.dry_run:
        print("Provkörning (--dry-run): inget har skrivits.")
        return EXIT_OK if not preview.errors else EXIT_PROBLEMS
    if preview.errors:
        print(f"Inget har skrivits: rätta de {len(preview.errors)} felen i filen och importera igen.",
              file=sys.stderr)
        return EXIT_PROBLEMS
    if not preview.has_changes:
        print("Inget att ändra: databasen stämmer redan med filen.")
        return EXIT_OK
    outcome = run_to_end(apply_import(sv, preview, today))
    print(f"Importen är klar: {outcome.created} skapade, {outcome.updated} ändrade aktiviteter"
          + (f", {outcome.people_created} nya personer" if outcome.people_created else "") + ".")
    return EXIT_OK
