"""Open a database for use: classify environment problems once, upgrade the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from .database import Database
from .errors import DamagedDatabaseError, DatabaseError
from .migrate import upgrade


def describe_error(exc: BaseException, where: str) -> str:
    """A Swedish sentence for an environment problem of the database (not a bug)."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "file is not a database" in text or "not a database" in text:
        return f"{where} är ingen databasfil (eller är skadad): den öppnas inte och lämnas orörd."
    if "malformed" in text or "corrupt" in text:
        return f"{where} är skadad. Återställ en säkerhetskopia."
    if "readonly" in text or "read-only" in text:
        return f"{where} är skrivskyddad; ändringar kan inte sparas."
    if "locked" in text or "busy" in text:
        return f"{where} är låst av ett annat program. Försök igen om en stund."
    if "disk" in text and ("full" in text or "i/o" in text):
        return f"Disken för {where} är full eller kan inte skrivas."
    if "unable to open" in text:
        return f"{where} kan inte öppnas (finns mappen, och har du behörighet?)."
    if "connection" in text or "could not connect" in text or "password" in text:
        return f"Databasservern kunde inte nås: {str(getattr(exc, 'orig', exc)).splitlines()[0]}"
    return f"{where} kunde inte användas: {str(getattr(exc, 'orig', exc)).splitlines()[0]}"


def open_database(target: str | Path, *, backup_dir: Path | None = None) -> Database:
    """A ready-to-use database: created if new, upgraded (after a verified backup) if older.
    Raises DatabaseError with a Swedish message for anything the user must act on."""
    db = Database(target)
    try:
        upgrade(db, backup_dir=backup_dir)
    except DatabaseError:
        db.dispose()
        raise
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
        db.dispose()
        msg = describe_error(exc, db.display_name())
        if "skadad" in msg or "ingen databasfil" in msg:
            raise DamagedDatabaseError(msg) from exc
        raise DatabaseError(msg) from exc
    return db
