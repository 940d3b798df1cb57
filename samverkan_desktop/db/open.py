"""Open a database for use: look at the file before SQLite does, classify every environment
problem once into a specific DatabaseError with a Swedish message, upgrade the schema.

Nothing here deletes or rewrites the user's file. A damaged file is left where it is; the
error carries the newest verified automatic backup (`err.latest_backup`), and the GUI may
then call `restore.restore_damaged` (which keeps the damaged file as `<name>.damaged`).

Cases and their errors (tests/reliability/test_damaged_files.py checks each one):

| the file …                                   | error                    |
|----------------------------------------------|--------------------------|
| is cut short (truncated)                     | DamagedDatabaseError     |
| has a page overwritten with garbage          | DamagedDatabaseError     |
| has a zeroed header                          | DamagedDatabaseError     |
| is not a SQLite database                     | NotADatabaseError        |
| is another program's SQLite database         | NotOurDatabaseError      |
| comes from a newer version of the app        | NewerDatabaseError       |
| or its folder is read-only                   | ReadOnlyDatabaseError    |
| is locked by another process                 | LockedDatabaseError      |
| is open in another Samverkan Desktop         | InstanceLockedError (lock.py) |
| was removed while the program runs           | DatabaseGoneError (classify_error) |
| cannot be written: the disk is full          | DiskFullError            |
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError

from .backup import read_header
from .database import Database
from .engine import APPLICATION_ID, is_sqlite_url, resolve_url, sqlite_path
from .errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseGoneError,
    DiskFullError,
    LockedDatabaseError,
    NotADatabaseError,
    NotOurDatabaseError,
    ReadOnlyDatabaseError,
    ServerUnreachableError,
)
from .migrate import upgrade

#: How long the pre-open check waits for another process's lock before calling the file locked.
PROBE_TIMEOUT_S = 2.0

_UNTOUCHED = "Filen har inte ändrats."


def _orig(exc: BaseException) -> BaseException:
    return getattr(exc, "orig", None) or exc


def _first_line(exc: BaseException) -> str:
    text = str(_orig(exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _free_space_text(path: Path | None) -> str:
    if path is None:
        return ""
    folder = path if path.is_dir() else path.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return ""
    if free < 1024 * 1024:
        return f" Ledigt utrymme: {free // 1024} kB."
    return f" Ledigt utrymme: {free // (1024 * 1024)} MB."


def classify_error(exc: BaseException, *, path: Path | None = None, where: str = "",
                   backup_dir: Path | None = None) -> DatabaseError:
    """A specific DatabaseError (Swedish message) for an environment problem raised by SQLite,
    PostgreSQL or the file system — at open time or while the program runs (a failed save).

    `path`: the SQLite file (lets a removed file be recognised and a backup be offered)."""
    if isinstance(exc, DatabaseError):
        return exc
    where = where or (str(path) if path is not None else "Databasen")
    orig = _orig(exc)
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    text = str(orig).lower()
    err: DatabaseError
    if path is not None and not path.exists() and not isinstance(exc, OSError):
        err = DatabaseGoneError(
            f"Databasfilen {where} har tagits bort eller flyttats medan programmet var igång. Den senaste "
            "ändringen sparades inte. Lägg tillbaka filen (t.ex. från papperskorgen) eller återställ en "
            "säkerhetskopia.", path=path)
    elif name == "SQLITE_READONLY_DBMOVED":
        err = DatabaseGoneError(
            f"Databasfilen {where} har flyttats eller ersatts medan programmet var igång. Den senaste ändringen "
            "sparades inte. Öppna databasen igen.", path=path)
    elif name == "SQLITE_FULL" or "database or disk is full" in text or (
            isinstance(orig, OSError) and orig.errno in (errno.ENOSPC, errno.EDQUOT)):
        err = DiskFullError(f"Disken där {where} ligger är full. Den senaste ändringen sparades inte; databasen "
                            "är oskadd. Frigör utrymme och försök igen." + _free_space_text(path), path=path)
    elif name.startswith("SQLITE_IOERR") or "disk i/o error" in text or (
            isinstance(orig, OSError) and orig.errno == errno.EFBIG):
        err = DiskFullError(f"{where} kunde inte skrivas till disken (disken är full eller ger skrivfel). Den "
                            "senaste ändringen sparades inte; databasen är oskadd." + _free_space_text(path),
                            path=path)
    elif name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text or (
            isinstance(orig, OSError) and orig.errno in (errno.EACCES, errno.EPERM, errno.EROFS)):
        err = ReadOnlyDatabaseError(f"{where} är skrivskyddad (eller mappen den ligger i); ändringar kan inte "
                                    "sparas. Kontrollera behörigheten eller kopiera filen till en mapp där du "
                                    "har skrivrätt.", path=path)
    elif name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "database is locked" in text or "locked" in text:
        err = LockedDatabaseError(f"{where} är låst av ett annat program (t.ex. ett annat fönster, ett "
                                  "säkerhetskopierings- eller synkroniseringsprogram). Försök igen om en stund. "
                                  + _UNTOUCHED, path=path)
    elif name == "SQLITE_CORRUPT" or "malformed" in text or "corrupt" in text:
        err = DamagedDatabaseError(f"{where} är skadad (SQLite: {_first_line(exc)}). {_UNTOUCHED}", path=path)
    elif name == "SQLITE_NOTADB" or "not a database" in text:
        err = DamagedDatabaseError(f"{where} är skadad eller ingen databasfil (SQLite: {_first_line(exc)}). "
                                   f"{_UNTOUCHED}", path=path)
    elif name == "SQLITE_CANTOPEN" or "unable to open" in text:
        err = DatabaseError(f"{where} kan inte öppnas (finns mappen, och har du behörighet?).", path=path)
    elif "connection" in text or "could not connect" in text or "password" in text or "timeout" in text:
        err = ServerUnreachableError(f"Databasservern kunde inte nås: {_first_line(exc)}")
    else:
        err = DatabaseError(f"{where} kunde inte användas: {_first_line(exc)}", path=path)
    if err.can_restore and path is not None:
        from .backups import latest_verified_backup

        err.latest_backup = latest_verified_backup(path, backup_dir)
    return err


def describe_error(exc: BaseException, where: str) -> str:
    """A Swedish sentence for an environment problem of the database (not a bug)."""
    return classify_error(exc, where=where).message


def _check_writable(path: Path) -> None:
    """Real write probes (permission bits say nothing for administrators, immutable files or
    read-only mounts): open the file for writing, create and remove a file in its folder."""
    folder = path.parent
    try:
        with open(path, "r+b"):
            pass
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyDatabaseError(
                f"Databasfilen {path} är skrivskyddad; ändringar kan inte sparas. Ta bort skrivskyddet "
                "(Egenskaper → Skrivskyddad) eller kopiera filen till en mapp där du har skrivrätt. Filen har "
                "inte ändrats.", path=path) from exc
        raise
    try:
        fd, probe = tempfile.mkstemp(prefix=".samverkan-skrivtest-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyDatabaseError(
                f"Mappen {folder} är skrivskyddad. SQLite behöver skriva en journalfil bredvid databasen "
                f"{path.name}, så ändringar kan inte sparas. Flytta databasen till en mapp där du har "
                "skrivrätt. Filen har inte ändrats.", path=path) from exc
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(f"Disken där {path} ligger är full; databasen kan inte användas förrän "
                                "utrymme frigjorts. Filen har inte ändrats." + _free_space_text(path),
                                path=path) from exc
        raise


def probe_sqlite_file(path: Path, *, backup_dir: Path | None = None, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Check an existing SQLite file before the program uses it; raise the specific error.
    A missing or empty file is fine (it becomes a new database)."""
    path = Path(path)
    try:
        if not path.exists():
            folder = path.parent
            if folder.exists() and not os.access(folder, os.W_OK):
                raise ReadOnlyDatabaseError(f"Mappen {folder} är skrivskyddad; en ny databas kan inte skapas där.",
                                            path=path)
            return
        if path.is_dir():
            raise DatabaseError(f"{path} är en mapp, inte en databasfil.", path=path)
        if _has_journal(path):
            # A crash in the middle of a commit leaves a hot journal; until SQLite has rolled it
            # back, the file itself may look cut short or damaged. Let SQLite recover it first.
            _let_sqlite_recover(path, timeout)
        try:
            head = read_header(path)
        except PermissionError as exc:
            raise ReadOnlyDatabaseError(f"Du saknar behörighet att läsa {path}.", path=path) from exc
        if head.file_size == 0:
            _check_writable(path)
            return
        if not head.is_sqlite:
            if head.all_zero and head.file_size >= 512:
                raise DamagedDatabaseError(f"Databasen {path} är skadad: filens huvud är nollställt (de första "
                                           f"byten är nollor). {_UNTOUCHED}", path=path)
            raise NotADatabaseError(f"{path} är ingen databasfil (inte en SQLite-databas). Den öppnas inte och "
                                    "lämnas orörd.", path=path)
        if head.application_id not in (0, APPLICATION_ID):
            raise NotOurDatabaseError(f"Filen {path} är en SQLite-databas från ett annat program och öppnas inte.",
                                      path=path)
        if head.page_size < 512 or head.page_size & (head.page_size - 1) or head.file_size % head.page_size or (
                head.expected_size is not None and head.file_size < head.expected_size):
            detail = (f"{head.file_size} av {head.expected_size} byte finns kvar" if head.expected_size
                      else f"{head.file_size} byte")
            raise DamagedDatabaseError(f"Databasen {path} är skadad: filen är avkortad ({detail}). "
                                       f"{_UNTOUCHED}", path=path)
        _check_writable(path)
        _sqlite_probe(path, timeout)
    except DatabaseError as err:
        if err.can_restore and err.latest_backup is None:
            from .backups import latest_verified_backup

            err.latest_backup = latest_verified_backup(path, backup_dir)
        raise


def _has_journal(path: Path) -> bool:
    for suffix in ("-journal", "-wal"):
        companion = path.with_name(path.name + suffix)
        try:
            if companion.exists() and companion.stat().st_size > 0:
                return True
        except OSError:
            return True
    return False


def _let_sqlite_recover(path: Path, timeout: float) -> None:
    """Read the schema once: SQLite rolls a hot journal back before it reads page 1."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True, timeout=timeout,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise classify_error(exc, path=path) from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise classify_error(exc, path=path) from exc
    finally:
        conn.close()


def _sqlite_probe(path: Path, timeout: float) -> None:
    """quick_check, then take and release the write lock (finds a file another process holds)."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True, timeout=timeout,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise classify_error(exc, path=path) from exc
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
        if rows != ["ok"]:
            raise DamagedDatabaseError(f"Databasen {path} är skadad (SQLite: {'; '.join(rows[:2])}). "
                                       f"{_UNTOUCHED}", path=path)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise classify_error(exc, path=path) from exc
    finally:
        conn.close()


def _never_recreate(db: Database) -> None:
    """From now on the engine opens the file with `mode=rw`: if the file is removed while the
    program runs, SQLite reports it instead of silently creating a new, empty database."""
    path = db.path
    if path is None:
        return
    uri = path.resolve().as_uri() + "?mode=rw"

    @event.listens_for(db.engine, "do_connect")
    def _connect(_dialect: Any, _rec: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        if cargs:
            cargs[0] = uri
        cparams["uri"] = True


def open_database(target: str | Path, *, backup_dir: Path | None = None) -> Database:
    """A ready-to-use database: created if new, upgraded (after a verified backup) if older.

    `backup_dir`: the backup folder (each database gets its own subfolder, see backups.py).
    Raises a DatabaseError subclass with a Swedish message for anything the user must act on;
    for damaged files `err.latest_backup` names the newest verified backup (or None)."""
    from .backups import folder_for

    url = resolve_url(target)
    path = sqlite_path(url) if is_sqlite_url(url) else None
    if path is not None:
        probe_sqlite_file(path, backup_dir=backup_dir)
    try:
        db = Database(target)
    except (OSError, DBAPIError) as exc:
        raise classify_error(exc, path=path, backup_dir=backup_dir) from exc
    try:
        upgrade(db, backup_dir=folder_for(path, backup_dir) if path is not None else backup_dir)
    except DatabaseError as err:
        db.dispose()
        if err.path is None:
            err.path = path
        if err.can_restore and err.latest_backup is None and path is not None:
            from .backups import latest_verified_backup

            err.latest_backup = latest_verified_backup(path, backup_dir)
        raise
    except (OperationalError, DBAPIError, StatementError, sqlite3.Error, OSError) as exc:
        db.dispose()
        raise classify_error(exc, path=path, where=db.display_name(), backup_dir=backup_dir) from exc
    _never_recreate(db)
    return db
