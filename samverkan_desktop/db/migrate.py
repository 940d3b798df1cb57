"""Schema upgrades at start-up: refuse newer databases, back up before upgrading, run
Alembic in-process, verify, and restore the backup automatically if anything fails.
Alembic is imported only when an upgrade is actually needed.

The upgrade of an existing SQLite file:
1. refuse a file from another program or a newer version (left untouched);
2. a verified backup (`backup.backup_sqlite`) in the database's backup folder;
3. one `BEGIN IMMEDIATE` transaction on one connection with foreign keys off (set outside the
   transaction, as https://www.sqlite.org/lang_altertable.html#otheralter prescribes, so a
   batch table rebuild can never cascade-delete child rows): per-table row counts and a
   SHA-256 of every column before, `alembic upgrade head`, then `foreign_key_check`, row
   counts and checksums again (the same for every table and column that existed before),
   `application_id`; commit only if all agree;
4. after the commit `integrity_check` of the file;
5. any failure after step 2: the failed file is kept as `<name>.misslyckad-uppgradering-<stamp>`,
   the backup is put back, and MigrationError says where the backup is.
A kill at any moment leaves either the old database (SQLite rolls the journal back on the next
open) or the upgraded one; tests/reliability/test_migration_kill.py checks it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, inspect, select, text

from .backup import backup_sqlite, integrity_problems
from .database import Database
from .engine import APPLICATION_ID
from .errors import MigrationError, NewerDatabaseError, NotOurDatabaseError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Every revision this version of the app knows, oldest first. A test keeps this equal to
#: the Alembic script directory, so start-up can decide without importing Alembic.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD_REVISION = KNOWN_REVISIONS[-1]

#: Tables whose rows a migration *to* the given revision deliberately changes (so the
#: before/after comparison skips them). Empty: no migration so far rewrites data.
DATA_MIGRATIONS: dict[str, frozenset[str]] = {}


def alembic_config(connection: Connection | None = None) -> object:
    import io

    from alembic.config import Config

    # Alembic's default stdout is bound when alembic is first imported; give each config its own
    # sink so in-process runs never write to a stream that has since been closed.
    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def _user_tables(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return [t for t in inspect(conn).get_table_names() if t != "alembic_version"]


def check_application_id(db: Database) -> None:
    """Refuse a SQLite file that some other program created."""
    if not db.is_sqlite:
        return
    with db.engine.connect() as conn:
        app_id = conn.exec_driver_sql("PRAGMA application_id").scalar() or 0
    if app_id not in (0, APPLICATION_ID):
        raise NotOurDatabaseError(
            f"Filen {db.display_name()} är en SQLite-databas från ett annat program och öppnas inte.",
            path=db.path)
    if app_id == 0 and _user_tables(db) and current_revision(db) is None:
        raise NotOurDatabaseError(
            f"Filen {db.display_name()} innehåller tabeller som inte kommer från Samverkan Desktop och öppnas inte.",
            path=db.path)


# ---- fingerprints: row counts and a checksum of every column ---------------------------------

@dataclass(frozen=True)
class TableFingerprint:
    rows: int
    sha256: str
    columns: tuple[str, ...]


def _norm(value: Any) -> str:
    """One text form per value, the same on SQLite and PostgreSQL."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return str(value)
    if value is None:
        return "\x00NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def table_fingerprints(conn: Connection, tables: list[str] | None = None,
                       columns: dict[str, tuple[str, ...]] | None = None) -> dict[str, TableFingerprint]:
    """Row count and SHA-256 over all rows (ordered by id) of each table; with `columns`, only
    those columns of a table are hashed (the ones that existed before). Columns the current
    models know are read through their types, so the same data gives the same checksum on
    SQLite and PostgreSQL."""
    from sqlalchemy import column as sa_column
    from sqlalchemy import table as sa_table

    from ..models import metadata

    insp = inspect(conn)
    names = [t for t in (tables if tables is not None else insp.get_table_names()) if t != "alembic_version"]
    out: dict[str, TableFingerprint] = {}
    for name in sorted(names):
        present = {c["name"] for c in insp.get_columns(name)}
        cols = sorted(present)
        if columns is not None and name in columns:
            cols = [c for c in columns[name] if c in present]
        model = metadata.tables.get(name)
        light = sa_table(name, *[sa_column(c, model.c[c].type) if model is not None and c in model.c
                                 else sa_column(c) for c in sorted(present)])
        stmt = select(*[light.c[c] for c in cols])
        stmt = stmt.order_by(light.c["id"]) if "id" in present else stmt.order_by(*[light.c[c] for c in cols])
        h = hashlib.sha256()
        n = 0
        for row in conn.execute(stmt):
            n += 1
            h.update("\x1f".join(_norm(v) for v in row).encode("utf-8", "surrogatepass"))
            h.update(b"\x1e")
        out[name] = TableFingerprint(n, h.hexdigest(), tuple(cols))
    return out


def compare_fingerprints(before: dict[str, TableFingerprint], after: dict[str, TableFingerprint],
                         skip: frozenset[str] = frozenset()) -> list[str]:
    """Swedish descriptions of every table whose rows were lost or changed."""
    problems: list[str] = []
    for name, fp in sorted(before.items()):
        if name in skip:
            continue
        now = after.get(name)
        if now is None:
            problems.append(f"tabellen {name} saknas efter uppgraderingen ({fp.rows} rader)")
        elif now.rows != fp.rows:
            problems.append(f"tabellen {name} hade {fp.rows} rader, nu {now.rows}")
        elif now.sha256 != fp.sha256:
            problems.append(f"innehållet i tabellen {name} har ändrats")
    return problems


# ---- the upgrade --------------------------------------------------------------------------------

def _default_backup_dir(db: Database) -> Path:
    from .backups import folder_for

    assert db.path is not None
    return folder_for(db.path)


def upgrade(db: Database, *, backup_dir: Path | None = None,
            on_backup: Callable[[Path], None] | None = None) -> Path | None:
    """Bring the database to HEAD_REVISION. Returns the pre-upgrade backup, if one was made.

    Raises NewerDatabaseError / NotOurDatabaseError (file untouched) or MigrationError (the
    upgrade failed; on SQLite the backup has been put back and the message says where it is)."""
    check_application_id(db)
    rev = current_revision(db)
    if rev == HEAD_REVISION:
        return None
    if rev is not None and rev not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"Databasen {db.display_name()} är skapad av en nyare version av Samverkan Desktop "
            f"(schemaversion {rev}). Uppdatera programmet. Filen har inte ändrats.", path=db.path)
    backup: Path | None = None
    if rev is not None and db.is_sqlite and db.path is not None:
        target_dir = backup_dir or _default_backup_dir(db)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(db.engine, target_dir / f"{db.path.stem}-fore-uppgradering-{rev}-{stamp}.sqlite")
        if on_backup:
            on_backup(backup)
    try:
        _migrate(db, rev)
        if db.is_sqlite and db.path is not None and rev is not None:
            problems = integrity_problems(db.path)
            if problems:
                raise MigrationError("integritetskontrollen efter uppgraderingen: " + "; ".join(problems[:3]))
    except Exception as exc:
        raise _failed(db, rev, backup, exc) from exc
    return backup


def _migrate(db: Database, rev: str | None) -> None:
    from alembic import command

    with db.engine.connect() as conn:
        raw = None
        if db.is_sqlite:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, else it is a no-op
        try:
            with conn.begin():
                before = table_fingerprints(conn) if rev is not None else {}
                command.upgrade(alembic_config(conn), "head")  # type: ignore[arg-type]
                if db.is_sqlite:
                    fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if fk:
                        raise MigrationError(f"främmande nycklar bryts efter uppgraderingen ({len(fk)} rader, "
                                             f"t.ex. i tabellen {fk[0][0]})")
                    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                if rev is not None:
                    after = table_fingerprints(conn, list(before), {n: f.columns for n, f in before.items()})
                    skip: frozenset[str] = frozenset()
                    for r in KNOWN_REVISIONS[KNOWN_REVISIONS.index(rev) + 1:]:
                        skip |= DATA_MIGRATIONS.get(r, frozenset())
                    problems = compare_fingerprints(before, after, skip)
                    if problems:
                        raise MigrationError("kontrollen efter uppgraderingen: " + "; ".join(problems[:5]))
                if _revision(conn) != HEAD_REVISION:
                    raise MigrationError(f"schemaversionen blev {_revision(conn)}, inte {HEAD_REVISION}")
        finally:
            if raw is not None:
                try:
                    raw.execute("PRAGMA foreign_keys=ON")
                except Exception:  # noqa: BLE001 - the connection is discarded below anyway
                    pass
                conn.invalidate()  # a fresh connection (with every pragma) next time


def _failed(db: Database, rev: str | None, backup: Path | None, exc: BaseException) -> BaseException:
    """After a failed upgrade: put the verified backup back (SQLite) and explain."""
    from .errors import DatabaseError

    first_line = str(exc).splitlines()[0] if str(exc) else ""
    reason = exc.message if isinstance(exc, DatabaseError) else f"{type(exc).__name__}: {first_line}"
    if backup is None or db.path is None:
        if rev is None and not isinstance(exc, DatabaseError):
            return exc  # creating a new database failed: let open_database classify it
        return MigrationError(f"Uppgraderingen av databasen {db.display_name()} till schemaversion {HEAD_REVISION} "
                              f"misslyckades ({reason}). Ändringarna rullades tillbaka; databasen är oförändrad.",
                              path=db.path)
    from .backup import copy_sqlite_file, fsync_dir
    from .restore import _keep_aside, _unique

    db.dispose()
    target = db.path
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        staged = copy_sqlite_file(backup, target.with_name(target.name + ".aterstalls"))
        aside = _unique(target.with_name(f"{target.name}.misslyckad-uppgradering-{stamp}"))
        _keep_aside(target, aside)
        os.replace(staged, target)
        fsync_dir(target.parent)
    except Exception as restore_exc:  # noqa: BLE001 - report both failures
        for leftover in (".aterstalls", ".aterstalls.tmp"):
            target.with_name(target.name + leftover).unlink(missing_ok=True)
        return MigrationError(
            f"Uppgraderingen av databasen {target} misslyckades ({reason}), och säkerhetskopian kunde inte "
            f"läggas tillbaka automatiskt ({restore_exc}). Säkerhetskopian finns i {backup}; databasfilen har "
            "inte tagits bort.", path=target)
    return MigrationError(
        f"Uppgraderingen av databasen {target} till schemaversion {HEAD_REVISION} misslyckades ({reason}). "
        f"Databasen har återställts automatiskt från säkerhetskopian {backup}, tagen alldeles före uppgraderingen. "
        f"Den misslyckade filen finns kvar som {aside}.", path=target)
