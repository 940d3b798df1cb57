"""Crash harness: kill a process that writes through the real service layer, reopen, check.

Two modes, each printing one JSON object of figures on stdout:

    # writes: agreements with their invoice plans, activity stage changes, meeting decisions
    .venv/bin/python tests/reliability/crash_harness.py writes --kills 2000 --db /tmp/crash.sqlite
    # schema upgrade of an older fixture, killed at random points
    .venv/bin/python tests/reliability/crash_harness.py migration --kills 200 --work /tmp/mig

How it works (writes): the harness (single-threaded, so fork is safe) forks a worker; the worker
opens its own Database and loops over random service actions, writing "I …" (intent) before
and "A …" (acknowledged) after each one returns, i.e. after COMMIT. The harness kills it with
SIGKILL after a random delay, reads the lines, reopens the database with `open_database` (the
program's own start-up path) and checks:

- integrity: `PRAGMA integrity_check` is "ok" and `foreign_key_check` is empty;
- acknowledged records lost: every acknowledged agreement, update, stage change and decision is
  in the database (an update may since have been superseded by a later attempt);
- half-written aggregates: every agreement's invoices equal the plan its terms give; every
  activity's decisions match its stage; every decided agenda item has its decision and moved
  its activity; every activity has the budget it was created with;
- change-log rows missing: replaying the change log gives exactly the current value of every
  column of every row (and no row exists without its "create" entry, none is gone without
  its "delete" entry).
Integrity, reopening and acknowledged records are checked after every kill; aggregates and the
change-log replay after every kill too by default (`--full-check-every N` spaces them out for
very long runs, whose database grows to tens of MB).

SIGKILL models an application crash (the OS still writes what SQLite handed it); power loss
would need SQLite's crash VFS or a virtual machine reset (not done here).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import signal
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import DateTime, create_engine, func, select as sa_select  # noqa: E402

from samverkan_desktop.db.audit import _text  # noqa: E402
from samverkan_desktop.db.backup import integrity_problems  # noqa: E402
from samverkan_desktop.db.database import Database  # noqa: E402
from samverkan_desktop.db.open import open_database  # noqa: E402
from samverkan_desktop.domain import fees  # noqa: E402
from samverkan_desktop.domain.cadence import Body  # noqa: E402
from samverkan_desktop.domain.catalog import (  # noqa: E402
    AgendaKind,
    AgreementKind,
    AgreementStatus,
    CostKind,
    FundingSource,
    OrgKind,
)
from samverkan_desktop.domain.followup import ActivityKind  # noqa: E402
from samverkan_desktop.domain.stages import Outcome, Stage  # noqa: E402
from samverkan_desktop.models import (  # noqa: E402
    Activity,
    AgendaItem,
    Agreement,
    BudgetLine,
    ChangeLog,
    Decision,
    FeeInvoice,
    metadata,
)
from samverkan_desktop.services import Services  # noqa: E402
from samverkan_desktop.services.agreements import AgreementInput, fee_terms_of, plan_horizon  # noqa: E402
from samverkan_desktop.services.meetings import AgendaItemInput, MeetingInput  # noqa: E402
from samverkan_desktop.services.portfolio import ActivityInput, BudgetCell  # noqa: E402

TODAY = date(2026, 11, 28)
STAGE_PATH = [Stage.IDE, Stage.ANSOKAN, Stage.BEREDNING, Stage.STYRGRUPP]
BUDGET = [BudgetCell(2027, CostKind.LON, FundingSource.AVTALSMEDEL, 250_000_00),
          BudgetCell(2027, CostKind.OVERHEAD, FundingSource.LAROSATE, 40_000_00)]
#: Tables not written through the ORM (no change-log rows by design) or the log itself.
NOT_LOGGED = frozenset({"change_log", "export_snapshot"})


# ---- the change-log replay check (also used by the other reliability tests) --------------------

class ChangeLogReplay:
    """Replays the change log incrementally (new rows only) and compares the result with every
    row of every table (except datetime columns, whose text form in the log carries a time
    zone the column does not). A difference means a committed change without its log row."""

    def __init__(self) -> None:
        self.last_id = 0
        self.log: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
        self.log_problems: list[str] = []

    def _feed(self, conn: Any) -> None:
        rows = conn.execute(sa_select(ChangeLog.id, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.action,
                                      ChangeLog.field, ChangeLog.new)
                            .where(ChangeLog.id > self.last_id).order_by(ChangeLog.id)).all()
        for log_id, entity, ident, action, field, new in rows:
            self.last_id = log_id
            state = self.log[entity].get(ident)
            # consecutive "create" rows (one flush) build one state; a "create" after a "delete"
            # of the same id starts a new one (SQLite may reuse the highest rowid after a delete)
            if action == "create":
                if state is None or state["recreate"]:
                    state = {"exists": True, "values": {}, "recreate": False}
                    self.log[entity][ident] = state
                if field:
                    state["values"][field] = new
            elif action == "delete":
                if state is None:
                    state = {"exists": False, "values": {}, "recreate": True}
                    self.log[entity][ident] = state
                state["exists"] = False
                state["recreate"] = True
            else:
                if state is None:
                    self.log_problems.append(f"{entity} {ident}: ändring loggad utan att posten skapats")
                    state = {"exists": True, "values": {}, "recreate": False}
                    self.log[entity][ident] = state
                if state["exists"]:
                    state["recreate"] = False
                    state["values"][field] = new

    def mismatches(self, engine: Any, *, limit: int = 50) -> list[str]:
        problems: list[str] = list(self.log_problems)
        with engine.connect() as conn:
            self._feed(conn)
            for name, table in metadata.tables.items():
                if name in NOT_LOGGED:
                    continue
                cols = [c.name for c in table.columns
                        if c.name not in ("id", "version") and not isinstance(c.type, DateTime)]
                entity_log = self.log[name]
                seen: set[int] = set()
                for row in conn.execute(sa_select(*[table.c[c] for c in ["id", *cols]])):
                    ident = int(row[0])
                    seen.add(ident)
                    state = entity_log.get(ident)
                    if state is None or not state["exists"]:
                        problems.append(f"{name} {ident}: finns men saknar 'create' i ändringsloggen"
                                        if state is None else f"{name} {ident}: finns trots loggad borttagning")
                        continue
                    values = state["values"]
                    for col, value in zip(cols, row[1:]):
                        actual = _text(value)
                        expected = values.get(col)
                        if (actual or None) != (expected or None):
                            problems.append(f"{name} {ident}.{col}: loggen säger {expected!r}, databasen {actual!r}")
                for ident, state in entity_log.items():
                    if state["exists"] and ident not in seen:
                        problems.append(f"{name} {ident}: borta men ingen 'delete' i ändringsloggen")
                if len(problems) >= limit:
                    break
        return problems


def changelog_mismatches(engine: Any, *, limit: int = 50) -> list[str]:
    """Replay the whole change log and compare it with the database (empty: it accounts for
    every committed change of every row)."""
    return ChangeLogReplay().mismatches(engine, limit=limit)


# ---- setup ---------------------------------------------------------------------------------------

def prepare(path: Path) -> dict[str, int]:
    """A new database with the organisations and people the worker refers to."""
    db = open_database(path)
    sv = Services.build(db)
    own = sv.people.save_organisation("Kraschköping kommun", OrgKind.KOMMUN, is_own=True)
    partner = sv.people.save_organisation("Forskningsinstitutet AB", OrgKind.FORSKNINGSINSTITUT)
    uni = sv.people.save_organisation("Lärosätet", OrgKind.LAROSATE)
    researcher = sv.people.save_person("Forskare Försök", "Docent", uni)
    official = sv.people.save_person("Tjänsteperson Test", "Utvecklingsledare", own)
    db.dispose()
    return {"own": own, "partner": partner, "uni": uni, "researcher": researcher, "official": official}


# ---- the worker (runs in the forked child) ---------------------------------------------------------

class _Out:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def line(self, *parts: object) -> None:
        os.write(self.fd, (" ".join(str(p) for p in parts) + "\n").encode())


def worker(db: Database, round_no: int, seed: int, refs: dict[str, int], known: dict[str, list[int]], fd: int,
           max_ops: int | None = None) -> None:
    """Random service actions until killed (or `max_ops`). `db` was created by the harness
    before forking with no open connection (its pool was disposed), so the worker opens its
    own connections and starts with warm statement caches."""
    out = _Out(fd)
    rng = random.Random(seed)
    db.user = f"krasch-{round_no}"
    sv = Services.build(db)
    out.line("R")
    seq = 0
    agreements = list(known["agreements"])
    in_beredning = list(known["beredning"])
    early = list(known["early"])  # activities in IDE or ANSOKAN
    while max_ops is None or seq < max_ops:
        token = f"r{round_no}-{seq}"
        seq += 1
        op = rng.choices(["agreement", "update", "activity", "stage", "decision"], [3, 3, 2, 3, 2])[0]
        if op == "update" and not agreements:
            op = "agreement"
        if op == "stage" and not early:
            op = "activity"
        if op == "decision" and not in_beredning:
            op = "stage" if early else "activity"
        if op == "agreement":
            start = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 700))
            end = start + timedelta(days=rng.randrange(200, 1500)) if rng.random() < 0.8 else None
            fee = rng.choice([0, 120_000_00, 300_000_00, 75_500_50])
            per_year = rng.choice([1, 2, 4, 12])
            out.line("I", "agreement", token)
            aid = sv.agreements.create(AgreementInput(
                kind=AgreementKind.PARTNERAVTAL, status=AgreementStatus.AKTIVT, title=f"Avtal {token}",
                our_organisation_id=refs["own"], partner_ids=(refs["partner"],), start=start, end=end,
                annual_fee_ore=fee, invoices_per_year=per_year, fixed_term=True, notes=f"skapat {token}"), TODAY)
            out.line("A", "agreement", token, aid)
            agreements.append(aid)
        elif op == "update":
            aid = rng.choice(agreements)
            detail = sv.agreements.get(aid)
            fee = rng.randrange(0, 500_000) * 100
            out.line("I", "update", token, aid, fee)
            sv.agreements.update(aid, detail.version, replace(detail.data, annual_fee_ore=fee,
                                                              invoices_per_year=rng.choice([1, 2, 4, 12]),
                                                              notes=f"ändrat {token}"), TODAY)
            out.line("A", "update", token, aid, fee)
        elif op == "activity":
            out.line("I", "activity", token)
            act = sv.portfolio.create(ActivityInput(
                kind=ActivityKind.PROJEKT, title=f"Aktivitet {token}", agreement_id=rng.choice(agreements) if agreements else None,
                responsible_researcher_id=refs["researcher"], responsible_official_id=refs["official"],
                university_id=refs["uni"], forankring_confirmed=True, case_number=f"KS {token}"),
                TODAY, budget=BUDGET)
            out.line("A", "activity", token, act)
            early.append(act)
        elif op == "stage":
            act = rng.choice(early)
            current = Stage[sv.portfolio.get(act, TODAY).stage.name]
            target = STAGE_PATH[STAGE_PATH.index(current) + 1]
            out.line("I", "stage", token, act, target.name)
            sv.portfolio.move_stage(act, target, on=TODAY, body="Beredningsgrupp", note=f"Till {target.value}")
            out.line("A", "stage", token, act, target.name)
            if target == Stage.BEREDNING:
                early.remove(act)
                in_beredning.append(act)
        else:  # a meeting decision: the item's outcome, the activity's stage and a Decision, one transaction
            act = rng.choice(in_beredning)
            out.line("I", "decision", token, act)
            mid = sv.meetings.create(MeetingInput(body=Body.BEREDNING, held_on=TODAY, title=f"Möte {token}"))
            item = sv.meetings.add_item(mid, AgendaItemInput(title=f"Ärende {token}", kind=AgendaKind.BESLUT,
                                                             activity_id=act))
            sv.meetings.record_outcome(item, Outcome.VIDARE, decision_text=f"Beslut {token}")
            out.line("A", "decision", token, act, item)
            in_beredning.remove(act)


# ---- checks after each kill --------------------------------------------------------------------------

def check_aggregates(engine: Any) -> list[str]:
    problems: list[str] = []
    with engine.connect() as conn:
        invoices: dict[int, set[tuple[Any, ...]]] = defaultdict(set)
        for inv in conn.execute(sa_select(FeeInvoice)):
            invoices[inv.agreement_id].add((inv.year, inv.period_no, inv.invoice_date, inv.due_date, inv.amount_ore))
        for a in conn.execute(sa_select(Agreement)):
            plan = [] if a.annual_fee_ore == 0 else fees.invoice_plan(
                a.start, a.end, fee_terms_of(a), horizon=plan_horizon(a.start, TODAY))
            want = {(p.year, p.period_no, p.invoice_date, p.due_date, p.amount_ore) for p in plan}
            if invoices.get(a.id, set()) != want:
                problems.append(f"avtal {a.id}: {len(invoices.get(a.id, set()))} fakturor, planen säger {len(want)}")
        decisions: dict[int, list[Any]] = defaultdict(list)
        for d in conn.execute(sa_select(Decision).order_by(Decision.id)):
            if d.activity_id is not None:
                decisions[d.activity_id].append(d)
        budgets: dict[int, int] = defaultdict(int)
        for b in conn.execute(sa_select(BudgetLine)):
            budgets[b.activity_id] += 1
        for act in conn.execute(sa_select(Activity)):
            stage = Stage[act.stage]
            if stage in STAGE_PATH and len(decisions[act.id]) != STAGE_PATH.index(stage):
                problems.append(f"aktivitet {act.id} i steg {stage.name} har {len(decisions[act.id])} beslut")
            if budgets[act.id] != len(BUDGET):
                problems.append(f"aktivitet {act.id} har {budgets[act.id]} budgetrader, inte {len(BUDGET)}")
        decided = {d.agenda_item_id for ds in decisions.values() for d in ds if d.agenda_item_id is not None}
        stages = {a.id: a.stage for a in conn.execute(sa_select(Activity.id, Activity.stage))}
        for item in conn.execute(sa_select(AgendaItem)):
            has_outcome = item.outcome is not None
            if has_outcome != (item.id in decided):
                problems.append(f"ärende {item.id}: utfall {item.outcome!r} men beslut {'finns' if item.id in decided else 'saknas'}")
            if has_outcome and item.activity_id is not None and stages.get(item.activity_id) != Stage.STYRGRUPP.name:
                problems.append(f"ärende {item.id} beslutat men aktivitet {item.activity_id} står i {stages.get(item.activity_id)}")
    return problems


class Ledger:
    """What the workers acknowledged (and attempted) over all rounds."""

    def __init__(self) -> None:
        self.agreements: dict[str, int] = {}  # token -> id
        self.fee_acked: dict[int, int] = {}
        self.fee_later: dict[int, list[int]] = defaultdict(list)  # attempted after the last ack
        self.activities: dict[str, int] = {}
        self.stage_acked: dict[int, Stage] = {}
        self.decisions: dict[int, int] = {}  # agenda item -> activity
        self.acked = 0
        self.intents = 0

    def take(self, lines: list[str]) -> None:
        for line in lines:
            parts = line.split()
            if not parts or parts[0] not in ("I", "A"):
                continue
            kind, op = parts[0], parts[1]
            if kind == "I":
                self.intents += 1
                if op == "update":
                    self.fee_later[int(parts[3])].append(int(parts[4]))
                continue
            self.acked += 1
            if op == "agreement":
                self.agreements[parts[2]] = int(parts[3])
            elif op == "update":
                aid, fee = int(parts[3]), int(parts[4])
                self.fee_acked[aid] = fee
                self.fee_later[aid] = []
            elif op == "activity":
                self.activities[parts[2]] = int(parts[3])
                self.stage_acked[int(parts[3])] = Stage.IDE
            elif op == "stage":
                self.stage_acked[int(parts[3])] = Stage[parts[4]]
            elif op == "decision":
                self.decisions[int(parts[4])] = int(parts[3])
                self.stage_acked[int(parts[3])] = Stage.STYRGRUPP

    def lost(self, engine: Any) -> list[str]:
        problems: list[str] = []
        with engine.connect() as conn:
            titles = {a.id: (a.title, a.annual_fee_ore) for a in conn.execute(
                sa_select(Agreement.id, Agreement.title, Agreement.annual_fee_ore))}
            for token, aid in self.agreements.items():
                if titles.get(aid, ("",))[0] != f"Avtal {token}":
                    problems.append(f"kvitterat avtal {token} (id {aid}) saknas")
            for aid, fee in self.fee_acked.items():
                now = titles.get(aid, ("", None))[1]
                if now != fee and now not in self.fee_later[aid]:
                    problems.append(f"kvitterad ändring av avtal {aid} (årsavgift {fee}) saknas: {now}")
            stages = {a.id: (a.title, a.stage) for a in conn.execute(sa_select(Activity.id, Activity.title, Activity.stage))}
            for token, act in self.activities.items():
                if stages.get(act, ("",))[0] != f"Aktivitet {token}":
                    problems.append(f"kvitterad aktivitet {token} (id {act}) saknas")
            for act, stage in self.stage_acked.items():
                now = stages.get(act, ("", None))[1]
                if now is None or STAGE_PATH.index(Stage[now]) < STAGE_PATH.index(stage):
                    problems.append(f"kvitterat steg {stage.name} för aktivitet {act} saknas (står i {now})")
            outcomes = {i.id: i.outcome for i in conn.execute(sa_select(AgendaItem.id, AgendaItem.outcome))}
            for item in self.decisions:
                if outcomes.get(item) != Outcome.VIDARE.name:
                    problems.append(f"kvitterat beslut i ärende {item} saknas")
        return problems

    def known(self, engine: Any) -> dict[str, list[int]]:
        """Ids the next worker may build on: what is in the database now."""
        with engine.connect() as conn:
            agreements = [r[0] for r in conn.execute(sa_select(Agreement.id).where(Agreement.title.like("Avtal r%")))]
            acts = list(conn.execute(sa_select(Activity.id, Activity.stage)))
        return {"agreements": agreements,
                "early": [a for a, s in acts if s in (Stage.IDE.name, Stage.ANSOKAN.name)],
                "beredning": [a for a, s in acts if s == Stage.BEREDNING.name]}


def _read_until(fd: int, buf: bytearray, markers: frozenset[str] | set[str], timeout: float) -> list[str]:
    """Lines from the worker until one of `markers` arrives, the pipe closes, or `timeout`."""
    deadline = time.monotonic() + timeout
    lines: list[str] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf.extend(chunk)
        hit = False
        while b"\n" in buf:
            line, _, rest = bytes(buf).partition(b"\n")
            buf[:] = rest
            lines.append(line.decode())
            hit = hit or lines[-1] in markers
        if hit:
            break
    return lines


def _spawn(target: Any, *args: Any) -> tuple[int, int]:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            target(*args, w)
        except BaseException as exc:  # noqa: BLE001 - report and leave without running the parent's cleanup
            try:
                os.write(w, f"E {type(exc).__name__}: {exc}\n".encode())
            finally:
                os._exit(3)
        os._exit(0)
    os.close(w)
    return pid, r


def run_writes(path: Path, kills: int, seed: int, max_delay: float, full_check_every: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    refs = prepare(path)
    ledger = Ledger()
    figures: dict[str, Any] = {"kills": 0, "killed_before_ready": 0, "worker_errors": 0, "open_failures": 0,
                               "integrity_failures": 0, "examples": []}
    lost_all: set[str] = set()
    half_all: set[str] = set()
    log_all: set[str] = set()
    replay = ChangeLogReplay()
    started = time.monotonic()
    known: dict[str, list[int]] = {"agreements": [], "early": [], "beredning": []}
    # warm-up in this process (the statement caches the forked workers inherit); its writes count
    work_db = Database(path)
    r, w = os.pipe()
    worker(work_db, -1, rng.randrange(1 << 30), refs, known, w, max_ops=10)
    os.close(w)
    warm = bytearray()
    ledger.take(_read_until(r, warm, set(), 5.0))
    os.close(r)
    work_db.dispose()
    known = ledger.known(work_db.engine)
    work_db.dispose()
    timing: dict[str, float] = defaultdict(float)
    check_engine = create_engine(f"sqlite:///{path}")
    for round_no in range(kills):
        t_round = time.monotonic()
        pid, fd = _spawn(worker, work_db, round_no, rng.randrange(1 << 30), refs, known)
        buf = bytearray()
        lines: list[str] = []
        if rng.random() < 0.1:  # sometimes kill while the worker is still starting
            time.sleep(rng.uniform(0, 0.03))
        else:
            lines += _read_until(fd, buf, {"R"}, 10.0)
            time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        lines += _read_until(fd, buf, set(), 5.0)
        os.close(fd)
        figures["kills"] += 1
        if "R" not in lines:
            figures["killed_before_ready"] += 1
        errors = [ln for ln in lines if ln.startswith("E ")]
        if errors or not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            figures["worker_errors"] += 1
            figures["examples"] += errors[:1] or [f"worker ended by itself ({status})"]
        ledger.take(lines)
        t_check = time.monotonic()
        timing["worker"] += t_check - t_round
        # reopen exactly as the program does at start-up, then check
        try:
            db = open_database(path)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            figures["open_failures"] += 1
            figures["examples"].append(f"öppna efter kill {round_no}: {exc}")
            continue
        db.dispose()  # opened and upgraded-if-needed as at start-up; the checks use a warm engine
        try:
            integrity = integrity_problems(path)
            if integrity:
                figures["integrity_failures"] += 1
                figures["examples"] += integrity[:2]
            lost = ledger.lost(check_engine)
            full = round_no % full_check_every == 0 or round_no == kills - 1
            half = check_aggregates(check_engine) if full else []
            log = replay.mismatches(check_engine) if full else []
            figures["examples"] += [x for x in (lost + half + log) if x not in lost_all | half_all | log_all][:3]
            lost_all.update(lost)
            half_all.update(half)
            log_all.update(log)
            known = ledger.known(check_engine)
        finally:
            check_engine.dispose()  # no open connection may cross the next fork
            timing["check"] += time.monotonic() - t_check
    figures["timing"] = {k: round(v, 1) for k, v in timing.items()}
    figures.update({"acked_lost": len(lost_all), "half_written": len(half_all), "changelog_missing": len(log_all)})
    engine = check_engine
    with engine.connect() as conn:
        counts = {t: int(conn.execute(sa_select(func.count()).select_from(metadata.tables[t])).scalar() or 0)
                  for t in ("agreement", "fee_invoice", "activity", "decision", "agenda_item", "change_log")}
    engine.dispose()
    figures.update({"acked_operations": ledger.acked, "attempted_operations": ledger.intents, "rows": counts,
                    "seconds": round(time.monotonic() - started, 1), "seed": seed})
    figures["examples"] = figures["examples"][:10]
    return figures


# ---- kill during a schema upgrade -----------------------------------------------------------------------

def _migration_worker(path: Path, backups: Path, fd: int) -> None:
    from samverkan_desktop.db import migrate

    out = _Out(fd)
    original = migrate._migrate

    def marked(db: Any, rev: Any) -> None:
        out.line("M")
        original(db, rev)
        out.line("C")

    migrate._migrate = marked  # type: ignore[assignment]
    out.line("R")
    db = open_database(path, backup_dir=backups)
    db.dispose()
    out.line("D")


def _fingerprint(path: Path) -> dict[str, Any]:
    from samverkan_desktop.db.migrate import table_fingerprints

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return {n: (f.rows, f.sha256, f.columns) for n, f in table_fingerprints(conn).items()}
    finally:
        engine.dispose()


def _revision_of(path: Path) -> str | None:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def run_migration(fixture: Path, work: Path, kills: int, seed: int) -> dict[str, Any]:
    import alembic.command  # noqa: F401 - imported once here, inherited by every forked worker

    from samverkan_desktop.db.migrate import HEAD_REVISION, table_fingerprints

    rng = random.Random(seed)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    old_rev = _revision_of(fixture)
    before = _fingerprint(fixture)
    # calibrate: how long does an undisturbed upgrade take (from the mark to the end)?
    calib = work / "calib.sqlite"
    shutil.copyfile(fixture, calib)
    pid, fd = _spawn(_migration_worker, calib, work / "calib-backups")
    buf = bytearray()
    _read_until(fd, buf, {"M"}, 60.0)
    t0 = time.monotonic()
    _read_until(fd, buf, {"D"}, 60.0)
    span = max(0.05, time.monotonic() - t0)
    os.waitpid(pid, 0)
    os.close(fd)
    figures: dict[str, Any] = {"kills": 0, "killed_before_upgrade": 0, "killed_during_upgrade": 0,
                               "killed_after_commit": 0, "not_killed": 0, "old_intact": 0, "upgraded": 0,
                               "missing_file": 0,
                               "rows_lost": 0, "reopen_failures": 0, "integrity_failures": 0,
                               "upgrade_seconds": round(span, 3), "examples": []}
    started = time.monotonic()
    for round_no in range(kills):
        path = work / f"db-{round_no}.sqlite"
        shutil.copyfile(fixture, path)
        pid, fd = _spawn(_migration_worker, path, work / f"backups-{round_no}")
        buf = bytearray()
        lines = _read_until(fd, buf, {"R"}, 30.0)
        phase = rng.random()
        if phase < 0.15:
            time.sleep(rng.uniform(0, 0.2))  # during the pre-upgrade backup or before it
        elif phase < 0.7:
            lines += _read_until(fd, buf, {"M"}, 30.0)
            time.sleep(rng.uniform(0, span))  # inside the upgrade transaction
        else:
            lines += _read_until(fd, buf, {"C"}, 30.0)
            time.sleep(rng.uniform(0, 0.03))  # committed: during the integrity check after it
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        lines += _read_until(fd, buf, set(), 5.0)
        os.close(fd)
        figures["kills"] += 1
        if "D" in lines:
            figures["not_killed"] += 1
        elif "C" in lines:
            figures["killed_after_commit"] += 1
        elif "M" in lines:
            figures["killed_during_upgrade"] += 1
        else:
            figures["killed_before_upgrade"] += 1
        if not path.exists():
            figures["missing_file"] += 1
            figures["examples"].append(f"runda {round_no}: databasfilen saknas")
            continue
        # what is on disk right after the kill (SQLite rolls back a hot journal on this first read)
        rev = _revision_of(path)
        now = _fingerprint(path)
        if rev == old_rev and now == before:
            figures["old_intact"] += 1
        elif rev == HEAD_REVISION:
            figures["upgraded"] += 1
        else:
            figures["rows_lost"] += 1
            figures["examples"].append(f"runda {round_no}: revision {rev}, innehållet skiljer sig")
        try:
            db = open_database(path, backup_dir=work / f"backups-{round_no}")
        except Exception as exc:  # noqa: BLE001 - counted
            figures["reopen_failures"] += 1
            figures["examples"].append(f"runda {round_no}: {exc}")
            continue
        try:
            with db.engine.connect() as conn:
                after = table_fingerprints(conn, list(before), {n: v[2] for n, v in before.items()})
            changed = [n for n, v in before.items() if (after[n].rows, after[n].sha256) != (v[0], v[1])]
            figures["rows_lost"] += len(changed)
            if changed:
                figures["examples"].append(f"runda {round_no}: ändrade tabeller {changed}")
            if integrity_problems(path):
                figures["integrity_failures"] += 1
        finally:
            db.dispose()
        path.unlink()
        for extra in work.glob(f"db-{round_no}.sqlite*"):
            extra.unlink()
        shutil.rmtree(work / f"backups-{round_no}", ignore_errors=True)
    figures["rows_per_copy"] = sum(v[0] for v in before.values())
    figures["from_revision"] = old_rev
    figures["to_revision"] = HEAD_REVISION
    figures["seconds"] = round(time.monotonic() - started, 1)
    figures["seed"] = seed
    figures["examples"] = figures["examples"][:10]
    return figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    w = sub.add_parser("writes")
    w.add_argument("--db", type=Path, required=True)
    w.add_argument("--kills", type=int, default=100)
    w.add_argument("--seed", type=int, default=int(time.time()))
    w.add_argument("--max-delay", type=float, default=0.25, help="longest time (s) a worker runs before the kill")
    w.add_argument("--full-check-every", type=int, default=1,
                   help="check every aggregate and replay the change log every N kills (integrity, reopening and "
                        "acknowledged records are checked after every kill)")
    m = sub.add_parser("migration")
    m.add_argument("--fixture", type=Path, required=True)
    m.add_argument("--work", type=Path, required=True)
    m.add_argument("--kills", type=int, default=20)
    m.add_argument("--seed", type=int, default=int(time.time()))
    args = p.parse_args(argv)
    if args.mode == "writes":
        figures = run_writes(args.db, args.kills, args.seed, args.max_delay, args.full_check_every)
    else:
        figures = run_migration(args.fixture, args.work, args.kills, args.seed)
    figures["finished"] = datetime.now().isoformat(timespec="seconds")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
