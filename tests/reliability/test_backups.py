"""Backups and restore: verified copies, 7/4/12 rotation over a simulated year, "changed since
the last backup", restore that refuses untrusted files and keeps the current database aside."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from samverkan_desktop.db import backups, restore
from samverkan_desktop.db.backup import backup_sqlite, integrity_problems, logical_digest
from samverkan_desktop.db.database import Database
from samverkan_desktop.db.errors import (
    DamagedDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    NotOurDatabaseError,
    RestoreError,
)
from samverkan_desktop.db.open import open_database
from samverkan_desktop.domain.catalog import OrgKind
from samverkan_desktop.services import Services


@pytest.fixture
def live(tmp_path: Path, sqlite_template: Path) -> Database:
    path = tmp_path / "data" / "samverkan.sqlite"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    db = open_database(path)
    yield db  # type: ignore[misc]
    db.dispose()


def _change(db: Database, text: str) -> None:
    Services.build(db).people.save_organisation(text, OrgKind.OVRIG)


# ---- rotation --------------------------------------------------------------------------------------

def test_rotation_keeps_7_daily_4_weekly_12_monthly_over_a_year() -> None:
    start = datetime(2025, 11, 28, 8, 0)
    stamps = []
    for day in range(400):  # two backups a day (start and close) for 400 days
        d = start + timedelta(days=day)
        stamps += [d, d.replace(hour=17)]
    keep = backups.backups_to_keep(stamps, backups.BackupPolicy())
    newest = max(stamps)
    days = sorted({t.date() for t in keep}, reverse=True)
    assert newest in keep
    # 7 daily: the newest of each of the last 7 days
    assert [t for t in sorted(keep, reverse=True)[:7]] == [
        (newest - timedelta(days=i)).replace(hour=17) for i in range(7)]
    weeks = {t.isocalendar()[:2] for t in keep}
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 12 and len(weeks) >= 4
    assert len(keep) <= 7 + 4 + 12 and len(keep) == len(set(keep))
    # every kept copy is the newest of its day
    for t in keep:
        assert t == max(s for s in stamps if s.date() == t.date())
    assert days[-1] >= (newest - timedelta(days=366)).date()


def test_rotation_is_configurable_and_counts_only_days_with_backups() -> None:
    stamps = [datetime(2026, 1, 1) + timedelta(days=10 * i) for i in range(20)]  # one copy every 10 days
    keep = backups.backups_to_keep(stamps, backups.BackupPolicy(daily=3, weekly=0, monthly=0))
    assert keep == set(sorted(stamps)[-3:])  # the last three days that *have* copies


def test_auto_backup_over_a_simulated_year_with_fake_dates(live: Database, tmp_path: Path,
                                                           report: Callable[[dict[str, Any]], None]) -> None:
    base = tmp_path / "backups"
    now = datetime(2026, 1, 1, 8, 0)
    made = 0
    days = range(0, 365, 6)  # a working day every sixth day keeps the test quick; rotation sees a year
    for day in days:
        _change(live, f"Dag {day}")
        at = now + timedelta(days=day)
        result = backups.auto_backup(live, base, now=at, reason="start")
        made += result.made is not None
        skipped = backups.auto_backup(live, base, now=at.replace(hour=17), reason="stäng")
        assert skipped.made is None and "oförändrad" in (skipped.skipped or "")
    folder = backups.folder_for(live.path, base)  # type: ignore[arg-type]
    kept = backups.list_backups(folder)
    stamps = [e.taken_at for e in kept]
    assert made == len(days)
    assert len(kept) == len(backups.backups_to_keep(stamps, backups.BackupPolicy())) < made
    assert len({(t.year, t.month) for t in stamps}) == 12
    assert len({t.date() for t in stamps}) >= 7 + 4 + 12 - 6  # days, weeks and months partly coincide
    assert max(stamps) == now + timedelta(days=days[-1])
    assert not list(folder.glob("*.tmp"))
    newest = backups.latest_verified_backup(live.path, base)  # type: ignore[arg-type]
    assert newest is not None and newest.taken_at == max(stamps)
    report({"backups_made": made, "backups_kept": len(kept), "policy": "7/4/12"})


def test_changed_since_last_backup_follows_commits(live: Database, tmp_path: Path) -> None:
    base = tmp_path / "b"
    assert backups.changed_since_last_backup(live.path, base)  # type: ignore[arg-type]
    first = backups.auto_backup(live, base, now=datetime(2026, 3, 1, 8))
    assert first.made is not None
    assert not backups.changed_since_last_backup(live.path, base)  # type: ignore[arg-type]
    _change(live, "Ny rad")
    assert backups.changed_since_last_backup(live.path, base)  # type: ignore[arg-type]
    first.made.unlink()  # the last copy is gone: take a new one
    assert backups.auto_backup(live, base, now=datetime(2026, 3, 1, 9)).made is not None


def test_backup_folders_are_per_database(tmp_path: Path) -> None:
    a = backups.folder_for(tmp_path / "x" / "samverkan.sqlite", tmp_path / "b")
    b = backups.folder_for(tmp_path / "y" / "samverkan.sqlite", tmp_path / "b")
    assert a != b and a.parent == b.parent and a.name.startswith("samverkan-")


def test_backup_during_concurrent_writes_verifies(live: Database, tmp_path: Path) -> None:
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        other = Database(live.path)  # type: ignore[arg-type]
        sv = Services.build(other)
        try:
            i = 0
            while not stop.is_set():
                sv.people.save_organisation(f"Samtidig {i}", OrgKind.OVRIG)
                i += 1
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            other.dispose()

    t = threading.Thread(target=writer)
    t.start()
    try:
        copies = [backup_sqlite(live.engine, tmp_path / f"kopia-{i}.sqlite") for i in range(5)]
    finally:
        stop.set()
        t.join(30)
    assert not errors
    for c in copies:
        assert integrity_problems(c) == []
        restore.verify_backup_file(c)


def test_damaged_source_never_replaces_a_good_backup(live: Database, tmp_path: Path) -> None:
    base = tmp_path / "b"
    good = backups.auto_backup(live, base, now=datetime(2026, 5, 1, 8)).made
    assert good is not None
    digest = logical_digest(good)
    path = live.path
    assert path is not None
    live.dispose()
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 5] = b"\x00\xff" * (4096 * 3 // 2)
    path.write_bytes(bytes(data))
    damaged = Database(path)
    try:
        with pytest.raises(Exception):
            backups.auto_backup(damaged, base, now=datetime(2026, 5, 2, 8), force=True)
    finally:
        damaged.dispose()
    folder = backups.folder_for(path, base)
    assert [e.path for e in backups.list_backups(folder)] == [good]
    assert logical_digest(good) == digest and not list(folder.glob("*.tmp"))


# ---- restore ---------------------------------------------------------------------------------------

def test_restore_round_trip_keeps_current_aside(live: Database, tmp_path: Path,
                                                report: Callable[[dict[str, Any]], None]) -> None:
    _change(live, "I säkerhetskopian")
    copy = backup_sqlite(live.engine, tmp_path / "kopia.sqlite")
    want = logical_digest(copy)
    _change(live, "Efter säkerhetskopian")
    path = live.path
    assert path is not None
    live.dispose()
    current = logical_digest(path)
    info = restore.verify_backup_file(copy)
    assert info.revision and info.counts["organisation"] >= 1 and "schemaversion" in info.summary()
    db, result = restore.restore_and_open(copy, path, backup_dir=tmp_path / "b", now=datetime(2026, 6, 1, 10))
    db.dispose()
    assert logical_digest(path) == want
    assert result.kept_aside == path.with_name("samverkan.sqlite.before-restore-20260601-100000")
    assert logical_digest(result.kept_aside) == current
    assert "finns kvar" in result.message()
    report({"restore_round_trip": "iterdump SHA-256 equal"})


def _foreign(tmp_path: Path) -> Path:
    p = tmp_path / "annan.sqlite"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    return p


@pytest.mark.parametrize("case", ["text", "empty", "foreign", "damaged", "zeroed", "truncated", "newer",
                                  "extra_table", "evil_trigger", "view"])
def test_restore_refuses_untrusted_files_and_changes_nothing(live: Database, tmp_path: Path, case: str) -> None:
    copy = backup_sqlite(live.engine, tmp_path / "kopia.sqlite")
    path = live.path
    assert path is not None
    live.dispose()
    before = path.read_bytes()
    expected: type[Exception] = DamagedDatabaseError
    if case == "text":
        copy.write_text("inte en databas\n" * 100, encoding="utf-8")
        expected = NotADatabaseError
    elif case == "empty":
        copy.write_bytes(b"")
        expected = NotADatabaseError
    elif case == "foreign":
        copy = _foreign(tmp_path)
        expected = NotOurDatabaseError
    elif case == "damaged":
        data = bytearray(copy.read_bytes())
        data[4096 * 3: 4096 * 6] = b"\x5a" * (4096 * 3)
        copy.write_bytes(bytes(data))
    elif case == "zeroed":
        data = bytearray(copy.read_bytes())
        data[:100] = bytes(100)
        copy.write_bytes(bytes(data))
    elif case == "truncated":
        copy.write_bytes(copy.read_bytes()[:8192 + 17])
    else:
        con = sqlite3.connect(copy)
        if case == "newer":
            con.execute("UPDATE alembic_version SET version_num='9999'")
            expected = NewerDatabaseError
        elif case == "extra_table":
            con.execute("CREATE TABLE smuggel (x)")
            expected = NotOurDatabaseError
        elif case == "evil_trigger":
            con.execute("CREATE TRIGGER t AFTER INSERT ON organisation BEGIN DELETE FROM agreement; END")
            expected = NotOurDatabaseError
        else:
            con.execute("CREATE VIEW v AS SELECT 1")
            expected = NotOurDatabaseError
        con.commit()
        con.close()
    with pytest.raises(expected) as info:
        restore.restore_file(copy, path)
    assert str(info.value) and "Traceback" not in str(info.value)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.before-restore-*"))
    assert not list(path.parent.glob("*.aterstalls*"))


def test_restore_puts_the_old_file_back_when_the_restored_one_does_not_open(
        live: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = backup_sqlite(live.engine, tmp_path / "kopia.sqlite")
    path = live.path
    assert path is not None
    _change(live, "Bara i den nuvarande")
    live.dispose()
    current = logical_digest(path)
    import samverkan_desktop.db.open as open_mod

    def refuse(*_a: object, **_k: object) -> None:
        raise DamagedDatabaseError("simulerat fel vid öppning")

    monkeypatch.setattr(open_mod, "open_database", refuse)
    with pytest.raises(RestoreError, match="lagts tillbaka"):
        restore.restore_and_open(copy, path)
    assert logical_digest(path) == current
    assert not list(path.parent.glob("*.before-restore-*"))


def test_restore_refuses_the_database_itself(live: Database) -> None:
    assert live.path is not None
    with pytest.raises(RestoreError, match="samma fil"):
        restore.restore_file(live.path, live.path)
