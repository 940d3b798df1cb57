"""Generate a large database for benchmarks: agreements, activities with budgets and reports,
meetings, change-log rows — with bulk Core inserts (not row-by-row ORM objects).

    python benchmarks/scale.py OUT.sqlite [--agreements 500] [--activities 50000]
                               [--meetings 5000] [--changes 200000] [--url postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from samverkan_desktop.db.database import Database
from samverkan_desktop.db.migrate import upgrade
from samverkan_desktop.domain.cadence import Body
from samverkan_desktop.domain.catalog import AgreementKind, AgreementStatus, CostKind, FundingSource, OrgKind
from samverkan_desktop.domain.followup import ActivityKind, follow_up_schedule
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.models import (
    Activity,
    Agreement,
    AgreementParty,
    BudgetLine,
    ChangeLog,
    FollowUpReport,
    Meeting,
    Organisation,
    Person,
)

WORDS = ("hållbar", "digital", "välfärd", "skola", "klimat", "omsorg", "trygghet", "stad", "vatten", "energi",
         "kompetens", "hälsa", "kultur", "mobilitet", "bostad", "ungdom", "äldre", "innovation", "data", "dialog")
ADMINS = ("Förvaltningen Förskola och skola", "Förvaltningen Vård och omsorg", "Tekniska förvaltningen",
          "Förvaltningen Stadsbyggnad", "Kommunledningsförvaltningen", "Socialförvaltningen", "Kulturförvaltningen",
          "Örebrobostäder AB", "Arbetsmarknadsförvaltningen")


def generate(db: Database, agreements: int, activities: int, meetings: int, changes: int, seed: int = 1) -> dict[str, float]:
    rnd = random.Random(seed)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    with db.engine.begin() as c:
        orgs = [{"id": i + 1, "name": f"Organisation {i + 1}", "kind": rnd.choice(list(OrgKind)).name, "is_own": i < 20,
                 "org_nr": None, "version": 1} for i in range(max(40, agreements // 5))]
        c.execute(insert(Organisation), orgs)
        people = [{"id": i + 1, "name": f"Person {i + 1} {rnd.choice(WORDS).capitalize()}", "title": "Forskare",
                   "organisation_id": rnd.randint(1, len(orgs)), "email": "", "phone": "", "version": 1}
                  for i in range(2000)]
        c.execute(insert(Person), people)
        ag = []
        for i in range(agreements):
            start = date(2020 + rnd.randint(0, 6), rnd.choice((1, 4, 7, 10)), 1)
            ag.append({"id": i + 1, "kind": rnd.choice(list(AgreementKind)).name, "title": f"Samverkansavtal {i + 1}",
                       "case_number": f"KS{start.year}/{i + 1}", "status": AgreementStatus.AKTIVT.name,
                       "our_organisation_id": 1 + i % 20, "start": start, "end": date(start.year + 3, 12, 31),
                       "annual_fee_ore": rnd.choice((0, 30_000_000, 250_000_000)), "invoices_per_year": 4,
                       "in_advance": True, "payment_days": 30, "late_interest_margin_pp": 8,
                       "included_minutes_per_year": 4800, "list_price_per_hour_ore": 145_000, "discount_bp": 1500,
                       "fixed_term": False, "notice_months": 12, "termination_points": "02-01",
                       "extension_lead_months": 3, "themes": "", "obligations_ours": "", "obligations_partner": "",
                       "invoicing_note": "", "notes": "", "version": 1})
        c.execute(insert(Agreement), ag)
        c.execute(insert(AgreementParty), [{"agreement_id": a["id"], "organisation_id": 21 + a["id"] % (len(orgs) - 20),
                                            "role": "partner", "version": 1} for a in ag])
        timings["agreements"] = time.perf_counter() - t0
        acts, budget, reports = [], [], []
        stages = list(Stage)
        for i in range(activities):
            kind = rnd.choice((ActivityKind.FORSTUDIE, ActivityKind.PROJEKT, ActivityKind.PROJEKT, ActivityKind.PROGRAM))
            start = date(2021, 1, 1) + timedelta(days=rnd.randint(0, 2000))
            end = start + timedelta(days=rnd.randint(120, 1100))
            parent = None if kind == ActivityKind.PROGRAM or i < 100 or rnd.random() < 0.7 else rnd.randint(1, 100)
            acts.append({"id": i + 1, "kind": (ActivityKind.PROGRAM if i < 100 else kind).name,
                         "parent_id": parent, "agreement_id": 1 + i % agreements,
                         "title": " ".join(rnd.choice(WORDS) for _ in range(3)).capitalize() + f" {i + 1}",
                         "research_question": "", "stage": rnd.choice(stages).name, "start": start, "end": end,
                         "case_number": f"ORU {i + 1}", "responsible_researcher_id": rnd.randint(1, 2000),
                         "university_id": None, "responsible_official_id": rnd.randint(1, 2000),
                         "administration": rnd.choice(ADMINS), "company_id": None, "forankring_confirmed": True,
                         "external_funder_id": None, "effect_goals": "", "kpis": "", "activity_goals": "",
                         "deliverables": "", "notes": "", "version": 1})
            for y in range(start.year, end.year + 1):
                for ck, src in ((CostKind.LON, FundingSource.AVTALSMEDEL), (CostKind.LON, FundingSource.NATURAINSATS)):
                    budget.append({"activity_id": i + 1, "year": y, "cost_kind": ck.name, "source": src.name,
                                   "amount_ore": rnd.randint(1, 50) * 1_000_000, "version": 1})
            for rep in follow_up_schedule(ActivityKind.PROJEKT if kind == ActivityKind.PROGRAM and i >= 100 else kind,
                                          start, end):
                reports.append({"activity_id": i + 1, "kind": rep.kind.name, "sequence": rep.sequence, "due": rep.due,
                                "received_on": rep.due if rep.due < date(2026, 6, 1) else None, "approved": None,
                                "version": 1})
        c.execute(insert(Activity).execution_options(render_nulls=True), [a for a in acts if a["parent_id"] is None])
        c.execute(insert(Activity).execution_options(render_nulls=True), [a for a in acts if a["parent_id"] is not None])
        c.execute(insert(BudgetLine), budget)
        c.execute(insert(FollowUpReport), reports)
        timings["activities"] = time.perf_counter() - t0
        bodies = [Body.BEREDNING, Body.STYRGRUPP, Body.LEDNINGSGRUPP, Body.ARBETSGRUPP]
        c.execute(insert(Meeting), [{"body": rnd.choice(bodies).name, "agreement_id": 1 + i % agreements,
                                     "title": f"Möte {i + 1}", "held_on": date(2021, 1, 1) + timedelta(days=i % 2500),
                                     "start_time": "13:00", "end_time": "15:00", "place": "Kommunhuset",
                                     "status": "PLANERAT", "chair": "", "secretary": "", "adjusters": "", "version": 1}
                                    for i in range(meetings)])
        now = datetime.now(timezone.utc)
        c.execute(insert(ChangeLog), [{"at": now - timedelta(minutes=i), "user": "analytiker", "entity": "activity",
                                       "entity_id": 1 + i % activities, "action": "update", "field": "title",
                                       "old": f"Gammal titel {i}", "new": f"Ny titel {i}"} for i in range(changes)])
        timings["total"] = time.perf_counter() - t0
    return timings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", nargs="?", default="/tmp/samverkan-scale.sqlite")
    ap.add_argument("--url", help="a PostgreSQL URL instead of a file")
    ap.add_argument("--agreements", type=int, default=500)
    ap.add_argument("--activities", type=int, default=50_000)
    ap.add_argument("--meetings", type=int, default=5_000)
    ap.add_argument("--changes", type=int, default=200_000)
    args = ap.parse_args()
    target = args.url or args.out
    if not args.url:
        Path(args.out).unlink(missing_ok=True)
    db = Database(target)
    upgrade(db)
    t = generate(db, args.agreements, args.activities, args.meetings, args.changes)
    print(f"{target}: {args.agreements} avtal, {args.activities} aktiviteter, {args.meetings} möten, "
          f"{args.changes} ändringsloggrader på {t['total']:.1f} s")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
