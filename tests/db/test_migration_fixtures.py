"""Every released schema revision has a real database file in tests/fixtures/db/<revision>.sqlite
(demo data + hostile strings, built by scripts/make_fixture_db.py when the revision is released).
Each is upgraded to the current head, on SQLite and on PostgreSQL, with 0 rows lost: per-table
row counts and a SHA-256 of every column that existed before are equal, integrity and foreign
keys check out, and `alembic check` is clean. A known revision without a fixture fails."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import column, create_engine, insert, select, table, text
from sqlalchemy.engine import make_url

from samverkan_desktop.db import migrate
from samverkan_desktop.db.backup import integrity_problems
from samverkan_desktop.db.database import Database
from samverkan_desktop.db.open import open_database
from samverkan_desktop.db.restore import verify_backup_file
from samverkan_desktop.models import metadata

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
PG_URL = os.environ.get("SAMVERKAN_TEST_PG_URL", "")
HOSTILE_ORG = "=cmd|' /C calc'!A0 kommun"


def _fixture_revisions() -> list[str]:
    on_disk = {p.stem for p in FIXTURES.glob("*.sqlite")}
    return sorted(on_disk | set(migrate.KNOWN_REVISIONS))


REVISIONS = _fixture_revisions()


def _revision_of(path: Path) -> str | None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def test_every_known_revision_has_a_fixture_file() -> None:
    missing = [r for r in migrate.KNOWN_REVISIONS if not (FIXTURES / f"{r}.sqlite").is_file()]
    assert not missing, (f"no fixture database for revision(s) {missing}: build it with "
                         f"'.venv/bin/python scripts/make_fixture_db.py --revision {missing[-1]}' and commit it")


@pytest.mark.parametrize("revision", REVISIONS)
def test_fixture_file_is_what_its_name_says(revision: str) -> None:
    path = FIXTURES / f"{revision}.sqlite"
    if not path.exists():
        pytest.fail(f"{path.name} is missing")
    assert revision in migrate.KNOWN_REVISIONS, f"{path.name}: revision unknown to this build"
    assert _revision_of(path) == revision
    assert path.stat().st_size < 1024 * 1024, "keep fixtures under 1 MB"
    info = verify_backup_file(path)  # our application_id, known schema, integrity
    assert info.counts["agreement"] >= 4 and info.counts["change_log"] > 1000


def _fingerprints(conn: Any, before: dict[str, Any] | None = None) -> dict[str, Any]:
    if before is None:
        return migrate.table_fingerprints(conn)
    return migrate.table_fingerprints(conn, list(before), {n: f.columns for n, f in before.items()})


def _alembic_check(conn: Any) -> None:
    from alembic import command

    command.check(migrate.alembic_config(conn))  # type: ignore[arg-type]


@pytest.mark.parametrize("revision", REVISIONS)
def test_fixture_upgrades_to_head_on_sqlite(revision: str, tmp_path: Path) -> None:
    src = FIXTURES / f"{revision}.sqlite"
    path = tmp_path / "samverkan.sqlite"
    shutil.copyfile(src, path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        before = _fingerprints(conn)
    engine.dispose()
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        with db.engine.connect() as conn:
            after = _fingerprints(conn, before)
            assert {n: (f.rows, f.sha256) for n, f in after.items()} == {
                n: (f.rows, f.sha256) for n, f in before.items()}, "rows lost or changed by the upgrade"
            assert conn.execute(text("SELECT count(*) FROM organisation WHERE name = :n"),
                                {"n": HOSTILE_ORG}).scalar() == 1
            _alembic_check(conn)
        assert integrity_problems(path) == []
        made = list((tmp_path / "backups").rglob("*fore-uppgradering*.sqlite"))
        assert len(made) == (0 if revision == migrate.HEAD_REVISION else 1)
        for m in made:
            assert _revision_of(m) == revision and integrity_problems(m) == []
    finally:
        db.dispose()


# ---- PostgreSQL: load the fixture's rows at its revision, then upgrade --------------------------------

@pytest.fixture
def empty_pg() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("SAMVERKAN_TEST_PG_URL is not set")
    name = "fx_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def _copy_rows(src: Path, dest_conn: Any) -> int:
    """Every row of the SQLite fixture into the PostgreSQL database (same revision), typed
    through the models; foreign-key triggers are off during the load (superuser session)."""
    lite = create_engine(f"sqlite:///{src}")
    total = 0
    try:
        with lite.connect() as sconn:
            from sqlalchemy import inspect

            names = [t for t in inspect(sconn).get_table_names() if t != "alembic_version"]
            dest_conn.exec_driver_sql("SET session_replication_role = replica")
            for name in names:
                cols = [c["name"] for c in inspect(sconn).get_columns(name)]
                model = metadata.tables.get(name)
                light = table(name, *[column(c, model.c[c].type) if model is not None and c in model.c else column(c)
                                      for c in cols])
                rows = [dict(r._mapping) for r in sconn.execute(select(light).order_by(light.c["id"]))]
                if rows:
                    dest_conn.execute(insert(light), rows)
                    total += len(rows)
                    dest_conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), (SELECT max(id) FROM \"{name}\"))")
            dest_conn.exec_driver_sql("SET session_replication_role = origin")
    finally:
        lite.dispose()
    return total


@pytest.mark.postgres
@pytest.mark.parametrize("revision", REVISIONS)
def test_fixture_upgrades_to_head_on_postgres(revision: str, empty_pg: str) -> None:
    from alembic import command

    src = FIXTURES / f"{revision}.sqlite"
    lite = create_engine(f"sqlite:///{src}")
    with lite.connect() as conn:
        before = _fingerprints(conn)
    lite.dispose()
    db = Database(empty_pg)
    try:
        with db.engine.begin() as conn:
            command.upgrade(migrate.alembic_config(conn), revision)  # type: ignore[arg-type]
        with db.engine.begin() as conn:
            copied = _copy_rows(src, conn)
        assert copied == sum(f.rows for f in before.values())
        with db.engine.connect() as conn:
            loaded = _fingerprints(conn, before)
        assert {n: (f.rows, f.sha256) for n, f in loaded.items()} == {
            n: (f.rows, f.sha256) for n, f in before.items()}, "the copy to PostgreSQL is not exact"
        migrate.upgrade(db)
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        with db.engine.connect() as conn:
            after = _fingerprints(conn, before)
            assert {n: (f.rows, f.sha256) for n, f in after.items()} == {
                n: (f.rows, f.sha256) for n, f in before.items()}, "rows lost or changed by the upgrade"
            _alembic_check(conn)
    finally:
        db.dispose()
