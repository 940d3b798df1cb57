"""Benchmark: the board's portfolio workbook against the floor.

    .venv/bin/python benchmarks/export_portfolio.py            # 10 000 activities
    .venv/bin/python benchmarks/export_portfolio.py --large    # also 100 000 activities
    .venv/bin/python benchmarks/export_portfolio.py --activities 2000 --repeat 1

Generates a portfolio in a temporary SQLite database (bulk inserts: agreements, invoices,
people, activities in programs, budget lines, reports, decisions, allocations, disbursements,
meetings), then times, each in a fresh process (so peak memory is that run's own maxrss):

- export:  samverkan_desktop.exporters.workbook.export_portfolio, second run of the scope (so the
           Förändringar sheet is compared with a stored snapshot), everything included: queries,
           styles, cell safety, row heights, chart, snapshot stored;
- floor:   the same queries (read model) and the same cells written by plain openpyxl in
           write-only mode, without styles, widths, print setup or chart;
- read:    the queries alone.

Prints a table: CPU seconds of each run's own process (best of --repeat; wall seconds beside
them, which a busy machine inflates), peak memory (MB), and the ratio export/floor (CPU).
Target (issue): ratio ≤ 1.5 and constant memory (peak barely grows from 10 000 to 100 000).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 28)


# ---- data ----------------------------------------------------------------------------
def generate(path: Path, n: int, seed: int = 1) -> None:
    from sqlalchemy import insert

    from samverkan_desktop import models as m
    from samverkan_desktop.db.database import Database
    from samverkan_desktop.db.migrate import upgrade
    from samverkan_desktop.domain.catalog import CostKind, FundingSource
    from samverkan_desktop.domain.stages import Stage

    rnd = random.Random(seed)
    db = Database(path)
    upgrade(db)
    n_agreements = max(3, n // 2000)
    stages = [s.name for s in Stage]
    kinds = ["FORSTUDIE", "PROJEKT", "PROJEKT", "PROJEKT", "TILLAGGSUPPDRAG"]
    admins = ["Förvaltningen Stadsbyggnad", "Förvaltningen Vård och omsorg", "Förvaltningen Förskola och skola",
              "Tekniska förvaltningen", "Kommunledningsförvaltningen", "Örebrobostäder AB"]
    words = ["hållbar", "digital", "välfärd", "skola", "trygghet", "klimat", "äldreomsorg", "förnyelse", "data",
             "medborgardialog", "öppna data", "innovation", "ledarskap", "kompetens", "energi", "vatten"]
    with db.engine.begin() as c:
        def ins(model: Any, rows: list[dict[str, Any]]) -> None:
            for k in range(0, len(rows), 20000):
                c.execute(insert(model.__table__), rows[k:k + 20000])

        ins(m.Organisation, [{"id": 1, "name": "Örebro kommun", "kind": "KOMMUN", "is_own": True, "version": 1}]
            + [{"id": i, "name": f"Lärosäte {i}", "kind": "LAROSATE", "is_own": False, "version": 1}
               for i in range(2, 6)])
        agreements, invoices, parties = [], [], []
        for a in range(1, n_agreements + 1):
            agreements.append({"id": a, "kind": "SAMVERKANSAVTAL", "title": f"Samverkansavtal {a} – Lärosäte {2 + a % 4}",
                               "case_number": f"KS 2022/{a:04d}", "status": "AKTIVT", "our_organisation_id": 1,
                               "start": date(2022, 1, 1), "end": date(2028, 12, 31), "annual_fee_ore": 250_000_000,
                               "invoices_per_year": 4, "in_advance": True, "payment_days": 30,
                               "late_interest_margin_pp": 8, "included_minutes_per_year": 0,
                               "list_price_per_hour_ore": 0, "discount_bp": 0, "fixed_term": True, "notice_months": 0,
                               "termination_points": "", "extension_lead_months": 3, "themes": "Hållbarhet\nDigitalisering",
                               "obligations_ours": "", "obligations_partner": "", "invoicing_note": "", "notes": "",
                               "version": 1})
            parties.append({"agreement_id": a, "organisation_id": 2 + a % 4, "role": "partner", "version": 1})
            for y in range(2022, 2029):
                for q in range(1, 5):
                    start = date(y, 3 * q - 2, 1)
                    invoices.append({"agreement_id": a, "year": y, "period_no": q, "period_start": start,
                                     "period_end": start + timedelta(days=89), "invoice_date": start,
                                     "due_date": start + timedelta(days=30), "amount_ore": 62_500_000,
                                     "status": "BETALD" if start < TODAY else "PLANERAD", "invoice_number": "",
                                     "version": 1})
        ins(m.Agreement, agreements)
        ins(m.AgreementParty, parties)
        ins(m.FeeInvoice, invoices)
        ins(m.Person, [{"id": i, "name": f"Person {i} {rnd.choice(['Åberg', 'Öhman', 'Ek', 'Lind'])}",
                        "title": "", "email": "", "phone": "", "version": 1} for i in range(1, 501)])
        acts, budget, reports, decisions, allocations, disbursements = [], [], [], [], [], []
        parent: int | None = None
        for i in range(1, n + 1):
            if i % 10 == 1:
                kind, parent_id, parent = "PROGRAM", None, i
            else:
                kind, parent_id = rnd.choice(kinds), (parent if i % 3 else None)
            start = date(2023, 1, 1) + timedelta(days=rnd.randrange(0, 5 * 365))
            end = start + timedelta(days=rnd.randrange(180, 4 * 365))
            agreement = 1 + i % n_agreements
            acts.append({"id": i, "kind": kind, "parent_id": parent_id, "agreement_id": agreement,
                         "title": f"{rnd.choice(words).capitalize()} och {rnd.choice(words)} {i}",
                         "research_question": "", "stage": rnd.choice(stages), "start": start, "end": end,
                         "case_number": f"ORU 2.1.2-{i}/26", "responsible_researcher_id": 1 + i % 500,
                         "responsible_official_id": 1 + (i * 7) % 500, "administration": rnd.choice(admins),
                         "forankring_confirmed": True, "effect_goals": "", "kpis": "", "activity_goals": "",
                         "deliverables": "", "notes": "", "version": 1})
            for k, (ck, src) in enumerate([(CostKind.LON, FundingSource.AVTALSMEDEL),
                                           (CostKind.OVERHEAD, FundingSource.AVTALSMEDEL),
                                           (CostKind.LON, FundingSource.NATURAINSATS)]):
                budget.append({"activity_id": i, "year": start.year, "cost_kind": ck.name, "source": src.name,
                               "amount_ore": rnd.randrange(1, 500) * 100_000 + (50 if k == 2 else 0), "version": 1})
            mid = start + (end - start) / 2
            reports.append({"activity_id": i, "kind": "HALVTID", "sequence": 1, "due": mid,
                            "received_on": mid if mid < TODAY and i % 4 else None, "version": 1})
            reports.append({"activity_id": i, "kind": "SLUT", "sequence": 2, "due": end, "received_on": None,
                            "version": 1})
            decisions.append({"activity_id": i, "body": "styrgrupp", "decided_on": start - timedelta(days=30),
                              "paragraph": f"§ {i % 40 + 1}", "case_number": "", "outcome": "Styrgruppen beviljar ansökan.",
                              "reservations": "", "version": 1})
            if i % 2 == 0:
                allocations.append({"activity_id": i, "year": start.year, "source": "AVTALSMEDEL",
                                    "amount_ore": 20_000_000, "decided_on": start, "version": 1})
            if i % 3 == 0:
                disbursements.append({"activity_id": i, "paid_on": start + timedelta(days=20), "source": "AVTALSMEDEL",
                                      "amount_ore": 10_000_000, "note": "", "version": 1})
        ins(m.Activity, acts)
        ins(m.BudgetLine, budget)
        ins(m.FollowUpReport, reports)
        ins(m.Decision, decisions)
        ins(m.Allocation, allocations)
        ins(m.Disbursement, disbursements)
        meetings = []
        for k in range(40):
            d = date(2025, 1, 14) + timedelta(days=30 * k)
            meetings.append({"body": rnd.choice(["BEREDNING", "STYRGRUPP"]), "agreement_id": 1, "title": "",
                             "held_on": d, "start_time": "13:00", "end_time": "15:00", "place": "Långhuset",
                             "status": "JUSTERAT" if d < TODAY else "PLANERAT", "chair": "", "secretary": "",
                             "adjusters": "", "version": 1})
        ins(m.Meeting, meetings)
    db.dispose()


# ---- the measured runs (each in its own process) ---------------------------------------
def _kronor(ore: int) -> int | Decimal:
    return ore // 100 if ore % 100 == 0 else Decimal(ore) / 100


def run_floor(db_path: Path, out: Path) -> None:
    """The same queries and the same cells, written by plain openpyxl (write-only, no styles)."""
    from openpyxl import Workbook

    from samverkan_desktop.db.database import Database
    from samverkan_desktop.exporters import workbook as w
    from samverkan_desktop.exporters.portfolio_layout import PORTFOLIO_COLUMNS
    from samverkan_desktop.services.export_data import ExportDataService, ExportScope

    db = Database(db_path)
    wb = Workbook(write_only=True)

    def sheet(name: str, columns: list[Any], rows: Any, first_rows: int = 1) -> None:
        ws = wb.create_sheet(name)
        ws.append([c.header for c in columns])
        money = [i for i, c in enumerate(columns) if c.kind == "money"]
        n = 0
        for r in rows:
            r = list(r)
            for i in money:
                if isinstance(r[i], int):
                    r[i] = _kronor(r[i])
            for i, v in enumerate(r):
                if isinstance(v, w._Money):
                    r[i] = _kronor(v.ore)
            ws.append(r)
            n += 1
        if money and n:
            ws.append([])
            ws.append([f"=SUBTOTAL(109,A{first_rows + 1}:A{first_rows + n})" if i in money else None
                       for i in range(len(columns))])

    with ExportDataService(db).open(ExportScope(), TODAY) as reader:
        h = reader.header()
        sheet("Sammanfattning", w.summary_columns(), w.summary_rows(h))
        sheet("Avtal", w.AGREEMENT_COLUMNS, w.agreement_rows(h))
        sheet("Portfölj", PORTFOLIO_COLUMNS, (w.portfolio_values(a) for a in reader.activities()))
        sheet("Ekonomi", w.ECONOMY_COLUMNS, w.economy_rows(h))
        sheet("Uppföljning", w.REPORT_COLUMNS, (w.report_values(r) for r in reader.reports()))
        sheet("Möten och beslut", w.MEETING_COLUMNS, (w.meeting_values(m) for m in reader.meetings_and_decisions(
            h.meetings)))
        sheet("Deadlines", w.DEADLINE_COLUMNS, w.deadline_rows(reader.deadlines(), TODAY))
        sheet("Förändringar", w.CHANGE_COLUMNS, w.change_rows([], None))
    wb.save(out)
    db.dispose()


def run_export(db_path: Path, out: Path) -> None:
    from samverkan_desktop.db.database import Database
    from samverkan_desktop.exporters.progress import run_to_end
    from samverkan_desktop.exporters.workbook import export_portfolio
    from samverkan_desktop.services import Services

    db = Database(db_path)
    run_to_end(export_portfolio(Services.build(db), out, TODAY))
    db.dispose()


def run_read(db_path: Path, out: Path) -> None:
    from samverkan_desktop.db.database import Database
    from samverkan_desktop.services.export_data import ExportDataService, ExportScope

    db = Database(db_path)
    with ExportDataService(db).open(ExportScope(), TODAY) as reader:
        h = reader.header()
        for _ in reader.activities():
            pass
        for _ in reader.reports():
            pass
        for _ in reader.meetings_and_decisions(h.meetings):
            pass
        for _ in reader.deadlines():
            pass
    db.dispose()


MODES = {"floor": run_floor, "export": run_export, "read": run_read}


def child(mode: str, db_path: str, out: str) -> None:
    if mode == "generate":
        generate(Path(db_path), int(out))
        return
    # import everything first: the timing is the work, not Python's start-up
    import openpyxl  # noqa: F401
    import sqlalchemy  # noqa: F401

    from samverkan_desktop.exporters import workbook  # noqa: F401
    from samverkan_desktop.services import export_data  # noqa: F401

    before = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    MODES[mode](Path(db_path), Path(out))
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss_mb = after.ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss_mb, "bytes": Path(out).stat().st_size
                      if Path(out).exists() else 0}))


def measure(mode: str, db_path: Path, out: Path) -> dict[str, float]:
    res = subprocess.run([sys.executable, __file__, "--child", mode, str(db_path), str(out)], check=True,
                         capture_output=True, text=True)
    return json.loads(res.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def bench(n: int, repeat: int, tmp: Path) -> dict[str, Any]:
    db_path = tmp / f"bench-{n}.sqlite"
    t = time.perf_counter()
    # In a child too: Linux keeps a process's peak RSS across exec, so a big parent would
    # show up as every child's peak memory.
    subprocess.run([sys.executable, __file__, "--child", "generate", str(db_path), str(n)], check=True)
    gen_s = time.perf_counter() - t
    out = tmp / f"bench-{n}.xlsx"
    measure("export", db_path, out)  # the first export of the scope stores the baseline snapshot
    rows: dict[str, dict[str, float]] = {}
    for _ in range(repeat):
        for mode in ("export", "floor", "read"):
            r = measure(mode, db_path, tmp / f"{mode}-{n}.xlsx")
            best = rows.get(mode)
            if best is None or r["cpu"] < best["cpu"]:
                rows[mode] = {**r, "rss_mb": max(r["rss_mb"], best["rss_mb"] if best else 0)}
            else:
                best["rss_mb"] = max(best["rss_mb"], r["rss_mb"])
    return {"n": n, "generate_s": gen_s, **rows}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--activities", type=int, default=10_000)
    p.add_argument("--large", action="store_true", help="also 100 000 activities")
    p.add_argument("--repeat", type=int, default=3, help="runs per mode; the best time is reported")
    p.add_argument("--child", nargs=3, metavar=("MODE", "DB", "OUT"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(*args.child)
        return
    sizes = [args.activities] + ([100_000] if args.large and args.activities != 100_000 else [])
    import os

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"best of {args.repeat}")
    print("Times are CPU seconds of the run's own process (robust on a busy machine); wall seconds in brackets.")
    print(f"{'activities':>10} {'export s':>16} {'floor s':>16} {'ratio':>6} {'read s':>7} "
          f"{'export MB':>10} {'floor MB':>9} {'file MB':>8}")
    with tempfile.TemporaryDirectory() as d:
        for n in sizes:
            r = bench(n, args.repeat, Path(d))
            e, f, rd = r["export"], r["floor"], r["read"]
            print(f"{n:>10} {e['cpu']:>7.2f} ({e['seconds']:>6.2f}) {f['cpu']:>7.2f} ({f['seconds']:>6.2f}) "
                  f"{e['cpu'] / f['cpu']:>6.2f} {rd['cpu']:>7.2f} {e['rss_mb']:>10.0f} {f['rss_mb']:>9.0f} "
                  f"{e['bytes'] / 1e6:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
