"""Storage guarantees: connection pragmas, schema rules, optimistic locking, migrations."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Float, Numeric, inspect, text
from sqlalchemy.orm.exc import StaleDataError

from samverkan_desktop import models
from samverkan_desktop.db import migrate
from samverkan_desktop.db.backup import backup_sqlite, integrity_problems
from samverkan_desktop.db.database import Database
from samverkan_desktop.db.engine import APPLICATION_ID
from samverkan_desktop.db.errors import NewerDatabaseError, NotOurDatabaseError
from samverkan_desktop.db.open import open_database
from samverkan_desktop.domain.catalog import OrgKind
from samverkan_desktop.services import Services


def test_sqlite_connection_pragmas(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert c.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID


def test_no_float_or_numeric_column_and_money_is_bigint() -> None:
    for table in models.metadata.tables.values():
        for col in table.columns:
            assert not isinstance(col.type, (Float, Numeric)), f"{table.name}.{col.name} is {col.type}"
            if col.name.endswith("_ore"):
                assert col.type.__class__.__name__ == "BigInteger", f"{table.name}.{col.name}"


def test_editable_tables_have_a_version_column() -> None:
    for name in ("agreement", "activity", "meeting", "organisation", "person", "agenda_item", "fee_invoice"):
        mapper = inspect(getattr(models, {"agreement": "Agreement", "activity": "Activity", "meeting": "Meeting",
                                          "organisation": "Organisation", "person": "Person",
                                          "agenda_item": "AgendaItem", "fee_invoice": "FeeInvoice"}[name]))
        assert mapper.version_id_col is not None and mapper.version_id_col.name == "version"


def test_constraint_naming_convention_applied(db: Database) -> None:
    insp = inspect(db.engine)
    fks = insp.get_foreign_keys("activity")
    assert any(fk["name"] == "fk_activity_agreement_id_agreement" for fk in fks)
    assert insp.get_pk_constraint("agreement")["name"] == "pk_agreement"


def test_stale_save_raises_through_version_column(db: Database) -> None:
    sv = Services.build(db)
    oid = sv.people.save_organisation("Lärosätet", OrgKind.LAROSATE)
    with db.reading() as s1, db.reading() as s2:
        o1 = s1.get(models.Organisation, oid)
        o2 = s2.get(models.Organisation, oid)
        s1.commit()  # end both read transactions, as every short service session does
        s2.commit()
        o1.name = "Först"
        s1.commit()
        o2.name = "Sedan"
        with pytest.raises(StaleDataError):
            s2.commit()
    assert sv.people.organisations()[0].name == "Först"


def test_alembic_check_is_clean_and_known_revisions_match(db: Database) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = migrate.alembic_config()
    script = ScriptDirectory.from_config(cfg)  # type: ignore[arg-type]
    revs = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(revs) == migrate.KNOWN_REVISIONS
    with db.engine.begin() as conn:
        command.check(migrate.alembic_config(conn))  # type: ignore[arg-type]


def test_newer_database_is_refused_and_left_untouched(sqlite_db: Database) -> None:
    with sqlite_db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    path = sqlite_db.path
    assert path is not None
    sqlite_db.dispose()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="nyare version"):
        open_database(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "other.sqlite"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    with pytest.raises(NotOurDatabaseError):
        open_database(p)
    con = sqlite3.connect(p)
    assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]
    con.close()


def test_upgrade_of_an_older_database_makes_a_verified_backup(tmp_path: Path) -> None:
    """Simulate a database one revision behind: the upgrade first writes a verified copy."""
    from alembic import command

    path = tmp_path / "old.sqlite"
    db = Database(path)
    migrate.upgrade(db)
    Services.build(db).people.save_organisation("Kvar efter uppgradering", OrgKind.KOMMUN)
    if len(migrate.KNOWN_REVISIONS) < 2:
        db.dispose()
        pytest.skip("needs two schema revisions")
    with db.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), migrate.KNOWN_REVISIONS[-2])  # type: ignore[arg-type]
    backups = tmp_path / "b"
    made = migrate.upgrade(db, backup_dir=backups)
    assert made is not None and made.exists() and integrity_problems(made) == []
    assert migrate.current_revision(db) == migrate.HEAD_REVISION
    con = sqlite3.connect(made)
    assert con.execute("SELECT name FROM organisation").fetchall() == [("Kvar efter uppgradering",)]
    con.close()
    db.dispose()


def test_backup_is_a_verified_copy(sqlite_db: Database, tmp_path: Path) -> None:
    Services.build(sqlite_db).people.save_organisation("Ånge kommun", OrgKind.KOMMUN)
    out = backup_sqlite(sqlite_db.engine, tmp_path / "kopia" / "backup.sqlite")
    assert integrity_problems(out) == []
    con = sqlite3.connect(out)
    assert con.execute("SELECT name FROM organisation").fetchall() == [("Ånge kommun",)]
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()
    assert not list((tmp_path / "kopia").glob("*.tmp"))


def test_integrity_check_reports_a_damaged_file(sqlite_db: Database, tmp_path: Path) -> None:
    path = sqlite_db.path
    assert path is not None
    sqlite_db.dispose()
    damaged = tmp_path / "damaged.sqlite"
    shutil.copyfile(path, damaged)
    data = bytearray(damaged.read_bytes())
    data[4096 * 2: 4096 * 2 + 512] = b"\xff" * 512
    damaged.write_bytes(bytes(data))
    assert integrity_problems(damaged) != []
