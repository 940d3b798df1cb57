"""Verified copies of a SQLite database through SQLite's online backup API, and the checks
every copy passes: written under a temporary name, `integrity_check` + `foreign_key_check`,
fsync, then renamed into place (the folder is fsynced too). A plain file copy of a live
database is never used (https://www.sqlite.org/howtocorrupt.html)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from .errors import DamagedDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Header:
    """The parts of the 100-byte SQLite header we look at (https://www.sqlite.org/fileformat.html)."""

    is_sqlite: bool
    all_zero: bool
    page_size: int
    page_count: int | None  # None when the header's size field is not valid (very old writers)
    change_counter: int
    application_id: int
    file_size: int

    @property
    def expected_size(self) -> int | None:
        return None if self.page_count is None else self.page_count * self.page_size


def read_header(path: Path) -> Header:
    """Read the header without SQLite (so a damaged or foreign file is never opened by it)."""
    with open(path, "rb") as fh:
        head = fh.read(100)
        size = os.fstat(fh.fileno()).st_size
    if len(head) < 100:
        return Header(head.startswith(SQLITE_MAGIC) if head else False, not any(head), 0, None, 0, 0, size)
    is_sqlite = head[:16] == SQLITE_MAGIC
    raw_page = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if raw_page == 1 else raw_page
    change_counter, page_count = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    application_id = struct.unpack(">I", head[68:72])[0]
    return Header(
        is_sqlite=is_sqlite, all_zero=not any(head), page_size=page_size,
        page_count=page_count if (page_count and valid_for == change_counter) else None,
        change_counter=change_counter, application_id=application_id, file_size=size,
    )


def readonly_uri(path: Path) -> str:
    """A `file:` URI that opens `path` read-only (percent-encoded, so '?' or '#' in names work)."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def connect_untrusted(path: Path) -> sqlite3.Connection:
    """A read-only connection with SQLite's settings for files from elsewhere
    (https://www.sqlite.org/security.html): no trusted schema, cell size checks, no mmap."""
    conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=2.0)
    if sys.version_info >= (3, 12):  # pragma: no cover - depends on the Python version
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # type: ignore[attr-defined]
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA cell_size_check=ON")
    conn.execute("PRAGMA mmap_size=0")
    return conn


def integrity_problems(path: Path) -> list[str]:
    """`PRAGMA integrity_check` and `foreign_key_check` of a file; empty when healthy."""
    try:
        conn = connect_untrusted(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [] if rows == ["ok"] else rows
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"främmande nyckel bryts i tabell {r[0]} rad {r[1]}" for r in fk]
        return problems
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()


def logical_digest(path: Path) -> str:
    """SHA-256 of the SQL dump: equal for a database and its backup-API copy (the bytes differ)."""
    conn = connect_untrusted(path)
    try:
        h = hashlib.sha256()
        for line in conn.iterdump():
            h.update(line.encode("utf-8", "surrogatepass"))
            h.update(b"\n")
        return h.hexdigest()
    finally:
        conn.close()


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _finish(tmp: Path, dest: Path) -> Path:
    problems = integrity_problems(tmp)
    if problems:
        tmp.unlink(missing_ok=True)
        raise DamagedDatabaseError("Säkerhetskopian kunde inte verifieras: " + "; ".join(problems[:3]), path=dest)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
    return dest


def _tmp_for(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    return tmp


def backup_sqlite(engine: Engine, dest: Path) -> Path:
    """Copy the live database to `dest` (temporary name, integrity check, fsync, rename)."""
    dest = Path(dest)
    tmp = _tmp_for(dest)
    raw = engine.raw_connection()
    try:
        src = raw.driver_connection  # the sqlite3.Connection
        target = sqlite3.connect(tmp)
        try:
            src.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    except BaseException:
        tmp.unlink(missing_ok=True)  # e.g. the disk filled up: no half copy is left behind
        raise
    finally:
        raw.close()
    return _finish(tmp, dest)


def copy_sqlite_file(source: Path, dest: Path) -> Path:
    """A verified copy of a database *file* (e.g. a backup to restore) through the backup API,
    reading the source read-only with the untrusted-file settings."""
    dest = Path(dest)
    tmp = _tmp_for(dest)
    src = connect_untrusted(Path(source))
    try:
        target = sqlite3.connect(tmp)
        try:
            src.backup(target)
        finally:
            target.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return _finish(tmp, dest)
