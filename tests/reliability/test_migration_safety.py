"""A failed schema upgrade never loses data: every failure after the verified backup puts the
backup back automatically (SQLite) and says where it is; on PostgreSQL the transaction rolls back.
Failures are injected into the real upgrade of a real older fixture."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, text

from samverkan_desktop.db import migrate
from samverkan_desktop.db.backup import integrity_problems
from samverkan_desktop.db.database import Database
from samverkan_desktop.db.errors import MigrationError
from samverkan_desktop.db.open import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
SCENARIOS: list[str] = []


@pytest.fixture
def older(tmp_path: Path) -> Path:
    revs = [r for r in migrate.KNOWN_REVISIONS[:-1] if (FIXTURES / f"{r}.sqlite").exists()]
    if not revs:
        pytest.skip("no fixture older than the head")
    path = tmp_path / "data" / "samverkan.sqlite"
    path.parent.mkdir()
    shutil.copyfile(FIXTURES / f"{revs[-1]}.sqlite", path)
    return path


def fingerprint(path: Path) -> dict[str, Any]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return {n: (f.rows, f.sha256) for n, f in migrate.table_fingerprints(conn).items()}
    finally:
        engine.dispose()


@pytest.fixture
def inject(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[Connection], None]], None]:
    """Run `hook(conn)` inside the upgrade transaction, right after Alembic's steps."""
    import alembic.command

    original = alembic.command.upgrade

    def install(hook: Callable[[Connection], None]) -> None:
        def upgrade(cfg: Any, rev: str, **kw: Any) -> None:
            original(cfg, rev, **kw)
            hook(cfg.attributes["connection"])

        monkeypatch.setattr(alembic.command, "upgrade", upgrade)

    return install


def _assert_restored(path: Path, before: dict[str, Any], err: MigrationError, backups: Path, kind: str) -> None:
    msg = str(err)
    assert "återställts automatiskt från säkerhetskopian" in msg, msg
    made = list(backups.rglob("*fore-uppgradering*.sqlite"))
    assert len(made) == 1 and str(made[0]) in msg
    assert integrity_problems(made[0]) == []
    aside = list(path.parent.glob("samverkan.sqlite.misslyckad-uppgradering-*"))
    assert len(aside) == 1 and str(aside[0]) in msg, "the failed file is kept, never deleted"
    assert fingerprint(path) == before, "the database is exactly as before the upgrade"
    assert integrity_problems(path) == []
    SCENARIOS.append(kind)


def test_error_inside_a_migration_restores_the_backup(older: Path, tmp_path: Path, inject: Any) -> None:
    before = fingerprint(older)

    def boom(conn: Connection) -> None:
        raise RuntimeError("simulerat fel mitt i migreringen")

    inject(boom)
    with pytest.raises(MigrationError) as info:
        open_database(older, backup_dir=tmp_path / "b")
    assert "simulerat fel" in str(info.value)
    _assert_restored(older, before, info.value, tmp_path / "b", "fel i migreringssteg")


def test_rows_lost_by_a_migration_are_detected_and_restored(older: Path, tmp_path: Path, inject: Any) -> None:
    before = fingerprint(older)
    inject(lambda conn: conn.exec_driver_sql("DELETE FROM hours_entry WHERE id = (SELECT max(id) FROM hours_entry)"))
    with pytest.raises(MigrationError) as info:
        open_database(older, backup_dir=tmp_path / "b")
    assert "hours_entry" in str(info.value) and "rader" in str(info.value)
    _assert_restored(older, before, info.value, tmp_path / "b", "rader förlorade (antal)")


def test_values_changed_by_a_migration_are_detected_and_restored(older: Path, tmp_path: Path, inject: Any) -> None:
    before = fingerprint(older)
    inject(lambda conn: conn.exec_driver_sql("UPDATE agreement SET title = title || '!' WHERE id = 1"))
    with pytest.raises(MigrationError) as info:
        open_database(older, backup_dir=tmp_path / "b")
    assert "innehållet i tabellen agreement" in str(info.value)
    _assert_restored(older, before, info.value, tmp_path / "b", "värden ändrade (kontrollsumma)")


def test_foreign_keys_are_off_during_the_upgrade_and_checked_after(older: Path, tmp_path: Path, inject: Any) -> None:
    before = fingerprint(older)
    seen: list[int] = []

    def orphan(conn: Connection) -> None:
        seen.append(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())
        conn.exec_driver_sql("DELETE FROM agreement_party WHERE id = (SELECT max(id) FROM agreement_party)")
        conn.exec_driver_sql("INSERT INTO agreement_party (version, agreement_id, organisation_id, role) "
                             "VALUES (1, 99999, 1, 'föräldralös')")

    inject(orphan)
    with pytest.raises(MigrationError) as info:
        open_database(older, backup_dir=tmp_path / "b")
    assert seen == [0], "foreign keys must be off while tables are rebuilt (no cascading deletes)"
    assert "främmande nycklar" in str(info.value)
    _assert_restored(older, before, info.value, tmp_path / "b", "främmande nycklar brutna")


def test_integrity_failure_after_commit_restores_the_backup(older: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            report: Callable[[dict[str, Any]], None]) -> None:
    before = fingerprint(older)
    monkeypatch.setattr(migrate, "integrity_problems", lambda _p: ["*** in database main *** simulerat"])
    with pytest.raises(MigrationError) as info:
        open_database(older, backup_dir=tmp_path / "b")
    assert "integritetskontrollen" in str(info.value)
    _assert_restored(older, before, info.value, tmp_path / "b", "integritetsfel efter commit")
    report({"failure_scenarios_restored": len(set(SCENARIOS)), "scenarios": sorted(set(SCENARIOS))})


def test_a_clean_upgrade_passes_every_check_and_new_connections_enforce_foreign_keys(older: Path,
                                                                                      tmp_path: Path) -> None:
    before = fingerprint(older)
    db = open_database(older, backup_dir=tmp_path / "b")
    try:
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            after = {n: (f.rows, f.sha256) for n, f in migrate.table_fingerprints(
                conn, list(before)).items()}
        assert after == before
    finally:
        db.dispose()


@pytest.fixture
def downgraded(db: Database) -> Iterator[Database]:
    from alembic import command

    if len(migrate.KNOWN_REVISIONS) < 2:
        pytest.skip("needs two revisions")
    with db.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), migrate.KNOWN_REVISIONS[-2])  # type: ignore[arg-type]
        conn.execute(text("INSERT INTO organisation (version, name, kind, is_own) VALUES (1, 'Kvar', 'KOMMUN', true)"))
    yield db


def test_failed_upgrade_on_both_backends_leaves_the_data(downgraded: Database, tmp_path: Path, inject: Any) -> None:
    db = downgraded
    inject(lambda conn: (_ for _ in ()).throw(RuntimeError("simulerat")))
    with pytest.raises(MigrationError) as info:
        migrate.upgrade(db, backup_dir=tmp_path / "b")
    again = Database(db.path if db.path is not None else db.url)
    try:
        assert migrate.current_revision(again) == migrate.KNOWN_REVISIONS[-2]
        with again.engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM organisation")).scalars().all() == ["Kvar"]
    finally:
        again.dispose()
    if db.is_sqlite:
        assert "återställts automatiskt" in str(info.value)
    else:
        assert "rullades tillbaka" in str(info.value) and "oförändrad" in str(info.value)
