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

While the program runs, `runtime_error(exc, db)` gives the same classification for a failed
save or read (None for a bug); the GUI shows it instead of the crash dialog
(ui/database_problems.py, tests/qt/test_runtime_db_errors.py).
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
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError, StatementError
from sqlalchemy.exc import TimeoutError as SATimeoutError

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


def _bytes(n: int) -> str:
    """740 352 (Swedish digit grouping, a space that does not break the line)."""
    return f"{n:,}".replace(",", "\u00a0")


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


#: What a failed action while the program runs did to the data (the service's transaction was
#: rolled back as a whole; SQLite or PostgreSQL guarantee that nothing is half-written).
# SQLSTATE deadlock_detected and serialization_failure: two transactions raced for the same rows
_PG_RACE = frozenset({"40P01", "40001"})

_NOT_SAVED = ("Det du just gjorde sparades inte, och ingenting sparades till hälften; allt som sparats "
              "tidigare finns kvar.")

_SQLITE_ENVIRONMENT = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CORRUPT",
                       "SQLITE_NOTADB", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_PROTOCOL", "SQLITE_PERM")
_SQLITE_ENVIRONMENT_TEXT = ("database is locked", "database table is locked", "readonly database", "disk i/o error",
                            "database or disk is full", "unable to open database", "malformed",
                            "file is not a database")
_ENVIRONMENT_ERRNO = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO)


def _detail(exc: BaseException) -> str:
    """SQLite's or the server's own words, for the message box's details and the log."""
    orig = _orig(exc)
    text = " ".join(str(orig).split())
    return f"{type(orig).__name__}: {text}" if text else type(orig).__name__


def _low_on_space(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return shutil.disk_usage(path if path.is_dir() else path.parent).free < 256 * 1024
    except OSError:
        return False


def classify_error(exc: BaseException, *, path: Path | None = None, where: str = "",
                   backup_dir: Path | None = None, while_running: bool = False) -> DatabaseError:
    """A specific DatabaseError (Swedish message) for an environment problem raised by SQLite,
    PostgreSQL or the file system — at open time or while the program runs (a failed save).

    `path`: the SQLite file (lets a removed file be recognised, a read-only file or folder be
    told apart from a failing disk, and a backup be offered). `while_running`: the problem hit
    an action after start-up (see `runtime_error`); the message then says that nothing of it was
    saved. SQLite's own (English) words go to `err.detail`, never into the message."""
    if isinstance(exc, DatabaseError):
        return exc
    where = where or (str(path) if path is not None else "")
    subject = f"Databasen {where}" if where else "Databasen"
    orig = _orig(exc)
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    text = str(orig).lower()
    outcome = _NOT_SAVED if while_running else _UNTOUCHED
    is_sqlite = isinstance(orig, sqlite3.Error) or path is not None
    # SQLite reports a file or folder that cannot be written as an I/O error, "readonly" or
    # "unable to open" (the journal); a real write probe tells these apart from a failing disk
    writing_failed = name.startswith(("SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) or any(
        t in text for t in ("disk i/o error", "readonly", "read-only", "unable to open")) or isinstance(orig, OSError)
    # PostgreSQL gave up one of two transactions that waited for each other's rows (deadlock) or
    # could not be serialised: nothing is wrong with the server or the connection
    sqlstate = str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")
    err: DatabaseError
    if sqlstate in _PG_RACE:
        err = LockedDatabaseError(f"Någon annan ändrade samma uppgifter i {subject[0].lower() + subject[1:]} i samma "
                                  f"ögonblick. {outcome} Försök igen.", path=path)
    elif path is not None and not path.exists() and not isinstance(exc, OSError):
        err = DatabaseGoneError(
            f"Databasfilen {where} har tagits bort eller flyttats medan programmet var igång. Den senaste "
            "ändringen sparades inte. Lägg tillbaka filen (t.ex. från papperskorgen) eller återställ en "
            "säkerhetskopia.", path=path)
    elif name == "SQLITE_READONLY_DBMOVED":
        err = DatabaseGoneError(
            f"Databasfilen {where} har flyttats eller ersatts medan programmet var igång. Den senaste ändringen "
            "sparades inte. Öppna filen igen (Arkiv → Öppna databas…) för att arbeta vidare i den.", path=path)
        err.can_restore = False  # another file is there now: restoring an old copy over it is no answer
    elif name == "SQLITE_FULL" or "database or disk is full" in text or "no space left" in text or (
            isinstance(orig, OSError) and orig.errno in (errno.ENOSPC, errno.EDQUOT)) or (
            name.startswith("SQLITE_IOERR") and _low_on_space(path)):
        disk = f"Disken där {where} ligger" if path is not None else f"Disken på databasservern {where}".rstrip()
        err = DiskFullError(f"{disk} är full. Den senaste ändringen sparades inte; databasen "
                            "är oskadd. Frigör utrymme (töm papperskorgen, flytta stora filer) och försök igen."
                            + _free_space_text(path), path=path)
    elif writing_failed and (blocked := _write_blocker(path, outcome)) is not None:
        err = blocked  # the file or its folder cannot be written (made read-only, immutable, a read-only share)
    elif name.startswith("SQLITE_IOERR") or "disk i/o error" in text or (
            isinstance(orig, OSError) and orig.errno in (errno.EFBIG, errno.EIO)):
        err = DiskFullError(f"{subject} kunde inte skrivas till disken (disken är full eller ger skrivfel). Den "
                            "senaste ändringen sparades inte; databasen är oskadd. Frigör utrymme, eller kopiera "
                            "databasen till en annan disk om felet kvarstår." + _free_space_text(path),
                            path=path)
    elif name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text or (
            isinstance(orig, OSError) and orig.errno in (errno.EACCES, errno.EPERM, errno.EROFS)):
        err = ReadOnlyDatabaseError(f"{subject} är skrivskyddad (eller mappen den ligger i); ändringar kan inte "
                                    "sparas. Kontrollera behörigheten eller kopiera filen till en mapp där du "
                                    f"har skrivrätt. {outcome}", path=path)
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        err = LockedDatabaseError(f"{subject} är låst av ett annat program (t.ex. ett annat fönster, ett "
                                  "säkerhetskopierings- eller synkroniseringsprogram). Försök igen om en stund. "
                                  + outcome, path=path)
    elif name.startswith("SQLITE_CORRUPT") or "malformed" in text or "corrupt" in text:
        err = DamagedDatabaseError(f"{subject} är skadad: en del av filen går inte att läsa. {outcome}",
                                   path=path)
    elif name == "SQLITE_NOTADB" or "not a database" in text:
        err = DamagedDatabaseError(f"{subject} är skadad eller ingen databasfil. {outcome}", path=path)
    elif name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        err = DatabaseError(f"Databasfilen {where} kan inte öppnas. Kontrollera att mappen finns och att du har "
                            f"behörighet till den. {outcome}", path=path)
    elif not is_sqlite and ("password" in text or "authentication" in text):
        err = ServerUnreachableError(f"Inloggningen till databasservern {where} misslyckades: fel användarnamn "
                                     "eller lösenord. Kontrollera adressen i Arkiv → Öppna databas….")
    elif not is_sqlite and (any(t in text for t in ("connect", "timeout", "server", "terminat"))
                            or isinstance(exc, (OperationalError, InterfaceError, DisconnectionError))):
        if while_running:
            err = ServerUnreachableError(
                f"Förbindelsen med databasservern {where} bröts. {_NOT_SAVED} Kontrollera nätverket (och VPN) och "
                "försök igen; programmet ansluter på nytt av sig självt när servern svarar.")
        else:
            err = ServerUnreachableError(
                f"Databasservern {where} kunde inte nås. Kontrollera adressen, nätverket (och VPN) och att servern "
                "är igång.")
    else:
        err = DatabaseError(f"{subject} kunde inte användas. {outcome}", path=path)
    err.detail = err.detail or _detail(exc)
    if err.can_restore and path is not None:
        from .backups import latest_verified_backup

        err.latest_backup = latest_verified_backup(path, backup_dir)
    return err


def is_environment_error(exc: BaseException, path: Path | None = None) -> bool:
    """True for a problem of the database's surroundings (disk, file, lock, server, network),
    False for a bug in the program (an SQL error, a constraint, a missing table): those go to
    the crash dialog and the log, not to a message that blames the disk."""
    if isinstance(exc, DatabaseError):
        return True
    if isinstance(exc, (DisconnectionError, SATimeoutError)):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    orig = _orig(exc)
    if isinstance(orig, sqlite3.Error):
        name = str(getattr(orig, "sqlite_errorname", "") or "")
        if name:
            return name.startswith(_SQLITE_ENVIRONMENT)
        return any(t in str(orig).lower() for t in _SQLITE_ENVIRONMENT_TEXT)
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True  # PostgreSQL: connection lost or closed, server shut down, disk full on the server
    if isinstance(orig, OSError) and orig.errno in _ENVIRONMENT_ERRNO and path is not None:
        filename = getattr(orig, "filename", None)
        return filename is not None and Path(filename).name.startswith(path.name) and \
            Path(filename).parent == path.parent
    return False


def runtime_error(exc: BaseException, db: Any, *, backup_dir: Path | None = None) -> DatabaseError | None:
    """The specific DatabaseError for an environment problem that an action hit after start-up
    (a save or a read: disk full, file removed or made read-only, a lock held by another
    program, the server connection lost), or None when `exc` is a bug.

    `db`: the open Database (its path and display name go into the message). The service's
    transaction has already been rolled back, which the message says."""
    path = getattr(db, "path", None)
    if not is_environment_error(exc, path):
        return None
    return classify_error(exc, path=path, where=_where(db), backup_dir=backup_dir, while_running=True)


def _where(db: Any) -> str:
    """How messages name the database: the file's path, or the server and database name."""
    if db is None:
        return ""
    if getattr(db, "path", None) is not None or not hasattr(db, "engine"):
        return str(db.display_name())
    url = db.engine.url
    return f"{url.host or 'localhost'}:{url.port or 5432} (databasen {url.database})"


def describe_error(exc: BaseException, where: str) -> str:
    """A Swedish sentence for an environment problem of the database (not a bug)."""
    return classify_error(exc, where=where).message


def _write_blocker(path: Path | None, outcome: str = _UNTOUCHED) -> DatabaseError | None:
    """Real write probes (permission bits say nothing for administrators, immutable files or
    read-only mounts): open the file for writing, create and remove a file in its folder.
    The problem found, or None when both can be written."""
    if path is None:
        return None
    folder = path.parent
    try:
        with open(path, "r+b"):
            pass
    except FileNotFoundError:
        pass
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyDatabaseError(
                f"Databasfilen {path} är skrivskyddad; ändringar kan inte sparas. Ta bort skrivskyddet "
                "(Egenskaper → Skrivskyddad) eller kopiera filen till en mapp där du har skrivrätt. " + outcome,
                path=path, detail=_detail(exc))
        return None
    try:
        fd, probe = tempfile.mkstemp(prefix=".samverkan-skrivtest-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyDatabaseError(
                f"Mappen {folder} är skrivskyddad. SQLite behöver skriva en journalfil bredvid databasen "
                f"{path.name}, så ändringar kan inte sparas. Flytta databasen till en mapp där du har "
                "skrivrätt. " + outcome, path=path, detail=_detail(exc))
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFullError(f"Disken där {path} ligger är full; databasen kan inte användas förrän "
                                 "utrymme frigjorts. " + outcome + _free_space_text(path), path=path,
                                 detail=_detail(exc))
    return None


def _check_writable(path: Path) -> None:
    """Raise the specific error when the file or its folder cannot be written."""
    problem = _write_blocker(path)
    if problem is not None:
        raise problem


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
            raise NotADatabaseError(f"Filen {path} är ingen databasfil (inte en SQLite-databas), till exempel ett "
                                    "dokument som sparats under databasens namn. Den öppnas inte och lämnas orörd.",
                                    path=path)
        if head.application_id not in (0, APPLICATION_ID):
            raise NotOurDatabaseError(f"Filen {path} är en SQLite-databas från ett annat program och öppnas inte.",
                                      path=path)
        if head.page_size < 512 or head.page_size & (head.page_size - 1) or head.file_size % head.page_size or (
                head.expected_size is not None and head.file_size < head.expected_size):
            detail = (f"{_bytes(head.file_size)} av {_bytes(head.expected_size)} byte finns kvar"
                      if head.expected_size else f"{_bytes(head.file_size)} byte")
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
            raise DamagedDatabaseError(f"Databasen {path} är skadad: SQLite hittar fel i filens innehåll. "
                                       f"{_UNTOUCHED}", path=path, detail="quick_check: " + "; ".join(rows[:5]))
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
        raise classify_error(exc, path=path, where=_where(db), backup_dir=backup_dir) from exc
    _never_recreate(db)
    return db
