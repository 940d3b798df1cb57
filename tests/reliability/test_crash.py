"""Crash test: a child process writes through the real service layer and is killed with SIGKILL
at random moments; after each kill the database is reopened as at start-up and checked
(tests/reliability/crash_harness.py explains the checks). Also: kills in the middle of a
schema upgrade, and the change log counted against the changes made.

N kills: SAMVERKAN_CRASH_KILLS (default 100), SAMVERKAN_MIGRATION_KILLS (default 6);
the @slow variants (pytest --run-slow) run 2 000 and 100."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import func, select

from samverkan_desktop.db.database import Database
from samverkan_desktop.db.migrate import HEAD_REVISION, KNOWN_REVISIONS
from samverkan_desktop.domain.catalog import OrgKind
from samverkan_desktop.models import ChangeLog
from samverkan_desktop.services import Services

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash harness forks (Linux/macOS)")

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures" / "db"
TODAY = date(2026, 11, 28)


def _run_harness(*args: str, timeout: float) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(HERE / "crash_harness.py"), *args], capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _writes(tmp_path: Path, kills: int, report: Callable[[dict[str, Any]], None], max_delay: float = 0.25,
            full_check_every: int = 1) -> None:
    seed = random.randrange(1 << 30)
    figures = _run_harness("writes", "--db", str(tmp_path / "crash.sqlite"), "--kills", str(kills),
                           "--seed", str(seed), "--max-delay", str(max_delay),
                           "--full-check-every", str(full_check_every), timeout=60 + kills * (3 + max_delay))
    report(figures)
    print(json.dumps(figures, ensure_ascii=False))
    assert figures["kills"] == kills
    assert figures["worker_errors"] == 0, figures["examples"]
    assert figures["open_failures"] == 0, figures["examples"]
    assert figures["integrity_failures"] == 0, figures["examples"]
    assert figures["acked_lost"] == 0, figures["examples"]
    assert figures["half_written"] == 0, figures["examples"]
    assert figures["changelog_missing"] == 0, figures["examples"]
    assert figures["acked_operations"] > 0


def test_random_kills_during_service_writes(tmp_path: Path, report: Callable[[dict[str, Any]], None]) -> None:
    _writes(tmp_path, int(os.environ.get("SAMVERKAN_CRASH_KILLS", "100")), report)


@pytest.mark.slow
def test_random_kills_during_service_writes_long(tmp_path: Path, report: Callable[[dict[str, Any]], None]) -> None:
    _writes(tmp_path, int(os.environ.get("SAMVERKAN_CRASH_KILLS_LONG", "2000")), report, max_delay=0.6,
            full_check_every=10)


def _older_fixture() -> Path:
    older = [FIXTURES / f"{rev}.sqlite" for rev in KNOWN_REVISIONS[:-1] if (FIXTURES / f"{rev}.sqlite").exists()]
    if not older:
        pytest.skip("no fixture of a revision older than the head")
    return older[-1]


def _migration(tmp_path: Path, kills: int, report: Callable[[dict[str, Any]], None]) -> None:
    seed = random.randrange(1 << 30)
    figures = _run_harness("migration", "--fixture", str(_older_fixture()), "--work", str(tmp_path / "mig"),
                           "--kills", str(kills), "--seed", str(seed), timeout=120 + kills * 15)
    report(figures)
    print(json.dumps(figures, ensure_ascii=False))
    assert figures["kills"] == kills
    assert figures["to_revision"] == HEAD_REVISION
    assert figures["missing_file"] == 0, figures["examples"]
    assert figures["rows_lost"] == 0, figures["examples"]
    assert figures["reopen_failures"] == 0, figures["examples"]
    assert figures["integrity_failures"] == 0, figures["examples"]
    assert figures["old_intact"] + figures["upgraded"] == kills


def test_kill_during_migration_leaves_old_or_upgraded_database(
        tmp_path: Path, report: Callable[[dict[str, Any]], None]) -> None:
    _migration(tmp_path, int(os.environ.get("SAMVERKAN_MIGRATION_KILLS", "6")), report)


@pytest.mark.slow
def test_kill_during_migration_long(tmp_path: Path, report: Callable[[dict[str, Any]], None]) -> None:
    _migration(tmp_path, int(os.environ.get("SAMVERKAN_MIGRATION_KILLS_LONG", "100")), report)


# ---- the change log: every committed field change has its row ------------------------------------------

def _log_count(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(ChangeLog)) or 0)


def test_change_log_replays_to_the_demo_database(tmp_path: Path, demo_template: Path, harness: ModuleType,
                                                 report: Callable[[dict[str, Any]], None]) -> None:
    """The demo is built through every service; replaying its log gives every current value."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    db = Database(path)
    try:
        problems = harness.changelog_mismatches(db.engine)
        rows = _log_count(db)
    finally:
        db.dispose()
    report({"change_log_rows": rows, "mismatches": len(problems)})
    assert problems == []
    assert rows > 500


def test_change_log_rows_counted_against_changes_made(sqlite_db: Database, harness: ModuleType) -> None:
    sv = Services.build(sqlite_db)
    org = sv.people.save_organisation("Ånge kommun", OrgKind.KOMMUN, is_own=True)
    n0 = _log_count(sqlite_db)
    person = sv.people.save_person("Eva Öst", "Utredare", org, "eva@example.se")
    n1 = _log_count(sqlite_db)
    assert n1 - n0 == 4  # name, title, organisation_id, email (empty phone is not logged)
    version = sv.people.people()[0].version
    sv.people.save_person("Eva Öst", "Utredare", org, "eva.ost@example.se", person_id=person, version=version)
    n2 = _log_count(sqlite_db)
    assert n2 - n1 == 1  # only the e-mail changed
    with sqlite_db.reading() as s:
        last = s.scalars(select(ChangeLog).order_by(ChangeLog.id.desc()).limit(1)).one()
    assert (last.entity, last.entity_id, last.field, last.old, last.new) == (
        "person", person, "email", "eva@example.se", "eva.ost@example.se")

    from samverkan_desktop.domain.catalog import AgreementKind
    from samverkan_desktop.services.agreements import AgreementInput

    aid = sv.agreements.create(AgreementInput(kind=AgreementKind.PARTNERAVTAL, title="Avtal", our_organisation_id=org,
                                              start=date(2026, 1, 1), end=date(2026, 12, 31),
                                              annual_fee_ore=100_000_00), TODAY)
    n3 = _log_count(sqlite_db)
    detail = sv.agreements.get(aid)
    sv.agreements.update(aid, detail.version, replace(detail.data, title="Nytt namn", notes="Anteckning"), TODAY)
    assert _log_count(sqlite_db) - n3 == 2  # title and notes; the unchanged invoice plan writes nothing
    assert harness.changelog_mismatches(sqlite_db.engine) == []


def test_the_checks_catch_what_they_are_for(tmp_path: Path, harness: ModuleType) -> None:
    """The crash checks themselves: a change without its log row, a half-written invoice plan
    and a lost acknowledged record are each reported."""
    path = tmp_path / "kontroll.sqlite"
    harness.prepare(path)
    db = Database(path)
    try:
        r, w = os.pipe()
        harness.worker(db, 0, 7, {"own": 1, "partner": 2, "uni": 3, "researcher": 1, "official": 2},
                       {"agreements": [], "early": [], "beredning": []}, w, max_ops=12)
        os.close(w)
        lines = harness._read_until(r, bytearray(), set(), 5.0)
        os.close(r)
        ledger = harness.Ledger()
        ledger.take(lines)
        assert harness.changelog_mismatches(db.engine) == []
        assert harness.check_aggregates(db.engine) == [] and ledger.lost(db.engine) == []
        with db.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO organisation (version, name, kind, is_own) VALUES (1, 'Smuggel', 'OVRIG', 0)")
            conn.exec_driver_sql("UPDATE person SET title = 'Ändrad i smyg' WHERE id = 1")
            conn.exec_driver_sql("DELETE FROM fee_invoice WHERE id = (SELECT max(id) FROM fee_invoice)")
        log = harness.changelog_mismatches(db.engine)
        assert any("saknar 'create'" in p for p in log)
        assert any("person 1.title" in p for p in log)
        assert any("ingen 'delete'" in p for p in log)
        assert any("fakturor" in p for p in harness.check_aggregates(db.engine))
        ledger.take(["A agreement r9-9 99999"])
        assert any("r9-9" in p for p in ledger.lost(db.engine))
    finally:
        db.dispose()
