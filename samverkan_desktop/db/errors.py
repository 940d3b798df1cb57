"""Database problems the user can act on, each with a Swedish message.

`str(err)` is a complete Swedish sentence for the user. Where a verified automatic backup
of the same database exists, `err.latest_backup` names it (path and time) so the GUI can
offer to restore it; `err.can_restore` says whether offering that makes sense for this kind
of problem. Nothing that raises these errors deletes or changes the user's file."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class BackupInfo:
    """A verified backup copy: where it is and when it was taken (local time)."""

    path: Path
    taken_at: datetime
    revision: str | None = None

    def describe(self) -> str:
        """'från 28 november 2026 kl. 10.15' style text for messages."""
        return f"från {format_when(self.taken_at)}"


_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")


def format_when(when: datetime) -> str:
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year} kl. {when:%H.%M}"


_OS_ERRORS = {
    errno.ENOSPC: "disken är full", errno.EDQUOT: "din diskkvot är slut", errno.EFBIG: "filen blir för stor",
    errno.EACCES: "du saknar behörighet (filen eller mappen är skrivskyddad eller öppen i ett annat program)",
    errno.EPERM: "åtgärden är inte tillåten (filen eller mappen är skrivskyddad)",
    errno.EROFS: "disken är skrivskyddad", errno.ENOENT: "filen eller mappen finns inte",
    errno.EISDIR: "det är en mapp, inte en fil", errno.EIO: "disken gav ett läs- eller skrivfel",
}


def describe_os_error(exc: OSError) -> str:
    """Swedish words for an operating-system error (`strerror` is English on most systems)."""
    return _OS_ERRORS.get(exc.errno or 0, "filsystemet vägrade (felkod " + str(exc.errno) + ")")


class DatabaseError(Exception):
    """An environment problem with the database (not a bug): show `str(err)` to the user."""

    #: Whether restoring a backup is a sensible offer for this kind of problem.
    can_restore = False

    def __init__(self, message: str, *, path: Path | None = None,
                 latest_backup: BackupInfo | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.latest_backup = latest_backup
        #: the technical text (SQLite's or the server's own words, often English) for the
        #: "Visa detaljer" part of the message box and the log; never part of the message
        self.detail = detail

    def __str__(self) -> str:
        text = self.message
        if self.can_restore and self.latest_backup is not None:
            text += (f" Det finns en verifierad säkerhetskopia {self.latest_backup.describe()} "
                     f"({self.latest_backup.path}) som kan återställas.")
        return text


class NotOurDatabaseError(DatabaseError):
    """A SQLite database written by some other program (application_id, foreign tables)."""


class NotADatabaseError(DatabaseError):
    """The file is not a SQLite database at all (text, an image, a zip, ...)."""

    can_restore = True


class NewerDatabaseError(DatabaseError):
    """Written by a newer version of the app (unknown schema revision): left untouched."""


class DamagedDatabaseError(DatabaseError):
    """The file is a SQLite database but damaged: truncated, garbage pages, zeroed header."""

    can_restore = True


class ReadOnlyDatabaseError(DatabaseError):
    """The file or its folder cannot be written (permissions, read-only share or medium)."""


class LockedDatabaseError(DatabaseError):
    """Another process holds a lock on the file (another program, a backup or sync tool)."""


class InstanceLockedError(LockedDatabaseError):
    """Another Samverkan Desktop already has this database open (lock file beside it)."""

    def __init__(self, message: str, *, path: Path | None = None, holder: dict[str, object] | None = None) -> None:
        super().__init__(message, path=path)
        self.holder = holder or {}


class DatabaseGoneError(DatabaseError):
    """The database file was removed or moved while the program was running."""

    can_restore = True


class DiskFullError(DatabaseError):
    """The disk is full (or refuses writes): the last change was not saved."""


class ServerUnreachableError(DatabaseError):
    """A PostgreSQL server cannot be reached or refuses the login."""


class MigrationError(DatabaseError):
    """A schema upgrade failed; the message says whether and from where the database was restored."""


class RestoreError(DatabaseError):
    """A file offered for restore was refused, or the restore itself failed (nothing was changed)."""
