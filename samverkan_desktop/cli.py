"""Command line: no command opens the window; every other command runs headless (no Qt)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from . import __version__
from .paths import backup_dir, default_database_path


class CliError(Exception):
    """An error to report as one line on stderr (exit 1)."""


def _today(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--today: '{text}' är inget datum (ÅÅÅÅ-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="samverkan-desktop",
                                description="Samverkan Desktop – avtal, portfölj, möten och ekonomi för forskningssamverkan.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--db", metavar="PATH|URL", help=f"databasfil eller URL (standard: {default_database_path()})")
    p.add_argument("--today", metavar="ÅÅÅÅ-MM-DD", type=_today, default=None,
                   help="datum som tidsfrister räknas från (standard: dagens datum)")
    p.add_argument("--lang", choices=("sv", "en"), default=None, help="språk i fönstret")
    sub = p.add_subparsers(dest="command", metavar="KOMMANDO")
    sub.add_parser("demo", help="läs in demodata (bara i en tom databas)")
    lp = sub.add_parser("list", help="lista avtal, aktiviteter eller möten")
    lp.add_argument("what", choices=("agreements", "activities", "meetings"))
    lp.add_argument("--format", choices=("table", "json"), default="table")
    dp = sub.add_parser("deadlines", help="tidsfrister framåt (radarn)")
    dp.add_argument("--days", type=int, default=90)
    dp.add_argument("--format", choices=("table", "json", "csv"), default="table")
    sub.add_parser("check", help="kontrollera databasens integritet")
    bp = sub.add_parser("backup", help="verifierad kopia av databasen")
    bp.add_argument("--out", required=True, type=Path)
    rp = sub.add_parser("restore", help="återställ databasen från en säkerhetskopia (filen kontrolleras först; "
                                        "den nuvarande databasen sparas bredvid)")
    rp.add_argument("file", type=Path, metavar="FIL")
    pp = sub.add_parser("person", help="personuppgifter: utdrag (GDPR) eller pseudonymisering")
    psub = pp.add_subparsers(dest="person_what", metavar="VAD", required=True)
    x = psub.add_parser("export", help="allt om en person som JSON (dataskyddsförordningen art. 15/20)")
    x.add_argument("id", type=int, metavar="ID")
    x.add_argument("--out", required=True, type=Path)
    x = psub.add_parser("pseudonymise", help="ersätt en persons namn och kontaktuppgifter med en pseudonym")
    x.add_argument("id", type=int, metavar="ID")
    x.add_argument("--reason", required=True, help="skälet (loggas)")
    x.add_argument("--by", default=None, help="vem som gör det (standard: inloggad användare)")

    ep = sub.add_parser("export", help="exportera arbetsbok, dokument eller kalender")
    esub = ep.add_subparsers(dest="export_what", metavar="VAD", required=True)
    x = esub.add_parser("portfolio", help="portföljen som Excel-arbetsbok för kommunstyrelsen")
    x.add_argument("--out", required=True, type=Path)
    x.add_argument("--year", type=int)
    x.add_argument("--agreement", type=int, metavar="ID")
    for name, hlp in (("decision", "beslutsunderlag (två exemplar) som PDF"),
                      ("certificate", "medfinansieringsintyg som PDF")):
        x = esub.add_parser(name, help=hlp)
        x.add_argument("--activity", type=int, required=True, metavar="ID")
        x.add_argument("--out", required=True, type=Path)
    x = esub.add_parser("agenda", help="kallelse/dagordning som PDF")
    x.add_argument("--meeting", type=int, required=True, metavar="ID")
    x.add_argument("--out", required=True, type=Path)
    x = esub.add_parser("minutes", help="protokoll, eller protokollsutdrag för en paragraf, som PDF")
    x.add_argument("--meeting", type=int, required=True, metavar="ID")
    x.add_argument("--paragraph", type=int, metavar="N")
    x.add_argument("--out", required=True, type=Path)
    x = esub.add_parser("calendar", help="möten och tidsfrister som iCalendar (.ics)")
    x.add_argument("--out", required=True, type=Path)
    x.add_argument("--days", type=int, default=365)

    ip = sub.add_parser("import", help="importera en portfölj från Excel")
    isub = ip.add_subparsers(dest="import_what", metavar="VAD", required=True)
    x = isub.add_parser("portfolio", help="portföljblad eller den enkla mallen")
    x.add_argument("file", type=Path)
    x.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, skriv inget")
    return p


#: Export and import commands: (module, function) implementing `fn(sv, args, today) -> int | None`.
#: Modules are imported only when their command runs (openpyxl/reportlab stay out of start-up).
COMMANDS: dict[tuple[str, str], tuple[str, str]] = {
    ("export", "portfolio"): ("samverkan_desktop.exporters.workbook_cli", "export_portfolio"),
    ("export", "decision"): ("samverkan_desktop.exporters.documents_cli", "export_decision"),
    ("export", "certificate"): ("samverkan_desktop.exporters.documents_cli", "export_certificate"),
    ("export", "agenda"): ("samverkan_desktop.exporters.documents_cli", "export_agenda"),
    ("export", "minutes"): ("samverkan_desktop.exporters.documents_cli", "export_minutes"),
    ("export", "calendar"): ("samverkan_desktop.exporters.documents_cli", "export_calendar"),
    ("import", "portfolio"): ("samverkan_desktop.exporters.workbook_cli", "import_portfolio"),
}


def _open(args: argparse.Namespace) -> Any:
    from .db.errors import DatabaseError
    from .db.open import open_database
    from .services import Services

    try:
        db = open_database(args.db or default_database_path(), backup_dir=backup_dir())
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    return Services.build(db)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _records(rows: Sequence[Any], columns: list[str]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = asdict(r) if is_dataclass(r) else dict(r)
        out.append({c: _plain(d[c]) for c in columns})
    return out


def _print_table(records: list[dict[str, Any]], columns: list[str], headers: list[str]) -> None:
    def cell(v: Any) -> str:
        return "" if v is None else str(v).replace("\n", " ")

    widths = [max([len(h)] + [len(cell(r[c])) for r in records]) for c, h in zip(columns, headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in records:
        print("  ".join(cell(r[c]).ljust(w) for c, w in zip(columns, widths)).rstrip())


_LISTS: dict[str, tuple[list[str], list[str]]] = {
    "agreements": (["id", "title", "partners", "kind", "status", "case_number", "start", "end", "annual_fee"],
                   ["Id", "Titel", "Part", "Typ", "Status", "Diarienr", "Start", "Slut", "Årsavgift"]),
    "activities": (["id", "kind", "title", "agreement", "stage", "start", "end", "budget_total"],
                   ["Id", "Typ", "Titel", "Avtal", "Steg", "Start", "Slut", "Budget"]),
    "meetings": (["id", "held_on", "start_time", "body", "title", "place", "status", "item_count"],
                 ["Id", "Datum", "Tid", "Organ", "Rubrik", "Plats", "Status", "Ärenden"]),
}


def cmd_list(sv: Any, args: argparse.Namespace, today: date) -> None:
    from .domain.money import format_money

    columns, headers = _LISTS[args.what]
    if args.what == "agreements":
        rows = sv.agreements.list_rows(today)
        recs = _records(rows, [c for c in columns if c != "annual_fee"] + ["annual_fee_ore"])
    elif args.what == "activities":
        rows = sv.portfolio.list_rows(today)
        recs = _records(rows, [c for c in columns if c != "budget_total"] + ["budget_total_ore"])
    else:
        recs = _records(sv.meetings.list_rows(), columns)
    if args.format == "json":
        json.dump(recs, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    for r in recs:
        if "annual_fee_ore" in r:
            r["annual_fee"] = format_money(r["annual_fee_ore"])
        if "budget_total_ore" in r:
            r["budget_total"] = format_money(r["budget_total_ore"])
    _print_table(recs, columns, headers)


def cmd_deadlines(sv: Any, args: argparse.Namespace, today: date) -> None:
    from .domain.radar import urgency

    if args.days < 0:
        raise CliError("--days: antalet dagar får inte vara negativt")
    items = sv.deadlines.radar(today, args.days)
    recs = [{"due": d.due.isoformat(), "days_left": (d.due - today).days, "urgency": urgency(d, today).value,
             "kind": d.kind.value, "title": d.title, "detail": d.detail, "ref_type": d.ref_type, "ref_id": d.ref_id}
            for d in items]
    if args.format == "json":
        json.dump(recs, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=list(recs[0]) if recs else ["due"], lineterminator="\n")
        w.writeheader()
        w.writerows(recs)
    else:
        print(f"Tidsfrister {today.isoformat()} + {args.days} dagar ({len(recs)} st)")
        _print_table(recs, ["due", "days_left", "kind", "title", "detail"], ["Datum", "Dagar", "Slag", "Vad", "Detalj"])


def cmd_check(sv: Any) -> int:
    from sqlalchemy import func, select

    from .db.backup import integrity_problems
    from .db.migrate import current_revision
    from .models import metadata

    db = sv.db
    problems: list[str] = []
    if db.path is not None:
        problems = integrity_problems(db.path)
    with db.reading() as s:
        counts = {t: s.scalar(select(func.count()).select_from(metadata.tables[t])) for t in sorted(metadata.tables)}
    print(f"Databas: {db.display_name()}")
    print(f"Schemaversion: {current_revision(db)}")
    for t, n in counts.items():
        print(f"  {t:<22} {n:>8}")
    if problems:
        for pr in problems:
            print(f"FEL: {pr}", file=sys.stderr)
        raise CliError(f"Integritetskontrollen hittade {len(problems)} fel")
    print("Integritetskontroll: ok")
    return 0


def cmd_backup(sv: Any, out: Path) -> None:
    from .db.backup import backup_sqlite

    if not sv.db.is_sqlite:
        raise CliError("Säkerhetskopiering av en PostgreSQL-databas görs av servern (pg_dump), inte av programmet")
    dest = backup_sqlite(sv.db.engine, out)
    print(f"Säkerhetskopia skriven och verifierad: {dest}")


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore without opening the current database first (it may be the damaged one)."""
    from .db.engine import is_sqlite_url, resolve_url, sqlite_path
    from .db.lock import acquire_instance_lock
    from .db.restore import restore_and_open

    url = resolve_url(args.db or default_database_path())
    target = sqlite_path(url) if is_sqlite_url(url) else None
    if target is None:
        raise CliError("En PostgreSQL-databas återställs på servern (pg_restore), inte av programmet")
    with acquire_instance_lock(target):
        db, result = restore_and_open(args.file, target, backup_dir=backup_dir())
        db.dispose()
    print(result.message())
    return 0


def cmd_person(sv: Any, args: argparse.Namespace) -> int:
    privacy = sv.privacy
    if args.person_what == "export":
        data = privacy.export_person_json(args.id)
        out = Path(args.out)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(data + "\n", encoding="utf-8")
        tmp.replace(out)
        print(f"Utdrag skrivet: {out}")
    else:
        print(privacy.pseudonymise_person(args.id, args.reason, args.by).message())
    return 0


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    today = args.today or date.today()
    if args.command is None:
        from .app import run_gui

        return run_gui(args.db, today if args.today else None, args.lang)
    if args.command == "restore":
        return cmd_restore(args)
    sv = _open(args)
    try:
        if args.command == "demo":
            from .services.demo import load_demo

            load_demo(sv, today)
            print(f"Demodata inläst i {sv.db.display_name()}")
        elif args.command == "list":
            cmd_list(sv, args, today)
        elif args.command == "deadlines":
            cmd_deadlines(sv, args, today)
        elif args.command == "check":
            return cmd_check(sv)
        elif args.command == "backup":
            cmd_backup(sv, args.out)
        elif args.command == "person":
            return cmd_person(sv, args)
        else:
            import importlib

            sub_name = args.export_what if args.command == "export" else args.import_what
            module, func = COMMANDS[(args.command, sub_name)]
            return int(getattr(importlib.import_module(module), func)(sv, args, today) or 0)
    finally:
        sv.db.dispose()
    return 0


def _user_error_types() -> tuple[type[BaseException], ...]:
    """CliError, and the service and database errors if those modules were loaded. Not imported
    here: importing `services.errors` runs the services package (SQLAlchemy, every model), which
    would cost the window a second of start-up before it is painted."""
    types: list[type[BaseException]] = [CliError]
    for module, name in (("samverkan_desktop.services.errors", "ServiceError"),
                         ("samverkan_desktop.db.errors", "DatabaseError")):
        loaded = sys.modules.get(module)
        if loaded is not None:
            types.append(getattr(loaded, name))
    return tuple(types)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"samverkan-desktop: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - last resort: one line, no traceback; details in the log
        if isinstance(exc, _user_error_types()):
            print(f"samverkan-desktop: {exc}", file=sys.stderr)
            return 1
        from .logging_setup import log_exception

        where = log_exception(exc)
        print(f"samverkan-desktop: oväntat fel ({type(exc).__name__}: {exc}); detaljer i {where}", file=sys.stderr)
        return 1
