"""Schema upgrades at start-up: refuse newer databases, back up before upgrading, run
Alembic in-process. Alembic is imported only when an upgrade is actually needed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from .backup import backup_sqlite
from .database import Database
from .engine import APPLICATION_ID
from .errors import NewerDatabaseError, NotOurDatabaseError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Every revision this version of the app knows, oldest first. A test keeps this equal to
#: the Alembic script directory, so start-up can decide without importing Alembic.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD_REVISION = KNOWN_REVISIONS[-1]


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
            f"Filen {db.display_name()} är en SQLite-databas från ett annat program och öppnas inte."
        )
    if app_id == 0 and _user_tables(db) and current_revision(db) is None:
        raise NotOurDatabaseError(
            f"Filen {db.display_name()} innehåller tabeller som inte kommer från Samverkan Desktop och öppnas inte."
        )


def upgrade(db: Database, *, backup_dir: Path | None = None,
            on_backup: Callable[[Path], None] | None = None) -> Path | None:
    """Bring the database to HEAD_REVISION. Returns the pre-upgrade backup, if one was made."""
    check_application_id(db)
    rev = current_revision(db)
    if rev == HEAD_REVISION:
        return None
    if rev is not None and rev not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"Databasen {db.display_name()} är skapad av en nyare version av Samverkan Desktop "
            f"(schemaversion {rev}). Uppdatera programmet. Filen har inte ändrats."
        )
    backup: Path | None = None
    if rev is not None and db.is_sqlite and db.path is not None:
        target_dir = backup_dir or db.path.parent / "backups"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(db.engine, target_dir / f"{db.path.stem}-fore-uppgradering-{rev}-{stamp}.sqlite")
        if on_backup:
            on_backup(backup)
    from alembic import command

    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")  # type: ignore[arg-type]
    if db.is_sqlite:
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    return backup
