"""Automatic backups of the SQLite database: when the program starts (if the file changed
since the last backup) and when it closes, each a verified copy (`backup.backup_sqlite`),
kept as 7 daily, 4 weekly and 12 monthly copies (configurable).

Layout: every database has its own folder under the backup folder,
`<backups>/<stem>-<8 hex of its absolute path>/`, holding

- `<stem>-ÅÅÅÅMMDD-TTMMSS.sqlite`   automatic copies (rotated),
- `<stem>-fore-uppgradering-<rev>-ÅÅÅÅMMDD-TTMMSS.sqlite`   copies taken before a schema
  upgrade (never rotated away),
- `senaste.json`   which file the last copy was taken of, and its fingerprint (header change
  counter, size, mtime): "changed since the last backup" compares against it.

Rotation keeps, like `restic forget --keep-daily 7 --keep-weekly 4 --keep-monthly 12`, the
newest copy of each of the last 7 days that have copies, of each of the last 4 ISO weeks and of
each of the last 12 months; the three rules are applied independently and their union is kept.
Copies that fail verification are never written, so a damaged database never replaces a good copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .backup import backup_sqlite, read_header
from .database import Database
from .errors import BackupInfo, DatabaseError, DiskFullError, LockedDatabaseError, ReadOnlyDatabaseError

MARKER = "senaste.json"
_STAMP = re.compile(r"-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$")
_PRE_MIGRATION = "-fore-uppgradering-"


@dataclass(frozen=True)
class BackupPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    @classmethod
    def from_preferences(cls, prefs: object) -> "BackupPolicy":
        """Read `backup_daily`, `backup_weekly`, `backup_monthly` if the preferences have them."""
        d = cls()
        return cls(
            daily=max(1, int(getattr(prefs, "backup_daily", d.daily))),
            weekly=max(0, int(getattr(prefs, "backup_weekly", d.weekly))),
            monthly=max(0, int(getattr(prefs, "backup_monthly", d.monthly))),
        )


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    taken_at: datetime
    automatic: bool  # False: taken before a schema upgrade (not rotated)


@dataclass
class AutoBackupResult:
    made: Path | None = None
    skipped: str | None = None  # why no copy was made (Swedish)
    removed: list[Path] = field(default_factory=list)


def folder_for(db_path: Path, base: Path | None = None) -> Path:
    """This database's own backup folder (the absolute path decides, so two files with the
    same name in different folders never share backups)."""
    p = Path(db_path).resolve()
    base = Path(base) if base is not None else p.parent / "backups"
    key = hashlib.sha256(os.path.normcase(str(p)).encode("utf-8")).hexdigest()[:8]
    stem = re.sub(r"[^\w.-]+", "_", p.stem)[:40] or "databas"
    return base / f"{stem}-{key}"


def _stamp_of(path: Path) -> tuple[datetime, int] | None:
    m = _STAMP.search(path.name)
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), int(m.group(2) or 1)
    except ValueError:
        return None


def list_backups(folder: Path) -> list[BackupEntry]:
    """Backups in a database's folder, newest first (files without a readable stamp are ignored)."""
    if not folder.is_dir():
        return []
    found: list[tuple[tuple[datetime, int], BackupEntry]] = []
    for p in folder.glob("*.sqlite"):
        stamp = _stamp_of(p)
        if stamp is not None and p.is_file():
            found.append((stamp, BackupEntry(p, stamp[0], _PRE_MIGRATION not in p.name)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [e for _, e in found]


def latest_verified_backup(db_path: Path, base: Path | None = None) -> BackupInfo | None:
    """The newest backup of this database that passes every restore check, or None."""
    from .restore import verify_backup_file

    for entry in list_backups(folder_for(db_path, base)):
        try:
            info = verify_backup_file(entry.path)
        except DatabaseError:
            continue
        return BackupInfo(entry.path, entry.taken_at, info.revision)
    return None


def backups_to_keep(stamps: Iterable[datetime], policy: BackupPolicy) -> set[datetime]:
    """The stamps the policy keeps: newest per day (last `daily` days with copies), per ISO
    week (last `weekly` weeks), per month (last `monthly` months). The newest is always kept."""
    ordered = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set(ordered[:1])
    for count, bucket in ((policy.daily, lambda t: t.date()),
                          (policy.weekly, lambda t: t.isocalendar()[:2]),
                          (policy.monthly, lambda t: (t.year, t.month))):
        seen: set[Any] = set()
        for t in ordered:
            if len(seen) >= count:
                break
            b = bucket(t)
            if b not in seen:
                seen.add(b)
                keep.add(t)
    return keep


def rotate(folder: Path, policy: BackupPolicy) -> list[Path]:
    """Remove the automatic copies the policy no longer keeps; returns what was removed."""
    autos = [e for e in list_backups(folder) if e.automatic]
    keep = backups_to_keep([e.taken_at for e in autos], policy)
    removed: list[Path] = []
    kept_stamps: set[datetime] = set()
    for e in autos:  # newest first: of two copies with the same stamp, keep the first
        if e.taken_at in keep and e.taken_at not in kept_stamps:
            kept_stamps.add(e.taken_at)
            continue
        try:
            e.path.unlink()
            removed.append(e.path)
        except OSError:
            pass
    return removed


def fingerprint(db_path: Path) -> dict[str, int]:
    """Changes with every committed write in rollback-journal mode (header change counter),
    and with any rewrite of the file (size, mtime)."""
    st = os.stat(db_path)
    head = read_header(db_path)
    return {"change_counter": head.change_counter, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _read_marker(folder: Path) -> dict[str, Any]:
    try:
        raw = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        return raw if isinstance(raw, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_marker(folder: Path, data: dict[str, Any]) -> None:
    tmp = folder / (MARKER + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, folder / MARKER)


def changed_since_last_backup(db_path: Path, base: Path | None = None) -> bool:
    folder = folder_for(db_path, base)
    marker = _read_marker(folder)
    last = folder / str(marker.get("backup", ""))
    if not marker.get("backup") or not last.is_file():
        return True
    return marker.get("fingerprint") != fingerprint(db_path)


def _unique(dest: Path) -> Path:
    if not dest.exists():
        return dest
    n = 2
    while True:
        cand = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
        if not cand.exists():
            return cand
        n += 1


def auto_backup(db: Database, base: Path | None = None, *, policy: BackupPolicy | None = None,
                reason: str = "", now: datetime | None = None, force: bool = False) -> AutoBackupResult:
    """Take a verified copy if the database changed since the last one (or `force`), then rotate.

    Call at start-up (after `open_database`) and when the program closes (before disposing the
    database). Raises DamagedDatabaseError when the copy does not verify (nothing is rotated
    away then), DiskFullError / DatabaseError when the copy cannot be written."""
    if not db.is_sqlite or db.path is None:
        return AutoBackupResult(skipped="En PostgreSQL-databas säkerhetskopieras på servern (pg_dump).")
    path = db.path
    if not path.exists():
        return AutoBackupResult(skipped="Databasfilen finns inte.")
    folder = folder_for(path, base)
    if not force and not changed_since_last_backup(path, base):
        return AutoBackupResult(skipped="Databasen är oförändrad sedan förra säkerhetskopian.")
    now = now or datetime.now()
    before = fingerprint(path)
    dest = _unique(folder / f"{folder.name.rsplit('-', 1)[0]}-{now:%Y%m%d-%H%M%S}.sqlite")
    try:
        made = backup_sqlite(db.engine, dest)
    except (OSError, sqlite3.Error) as exc:
        raise _write_problem(exc, folder) from exc
    _write_marker(folder, {"source": str(path.resolve()), "backup": made.name, "taken_at": now.isoformat(),
                           "reason": reason, "fingerprint": before})
    removed = rotate(folder, policy or BackupPolicy())
    return AutoBackupResult(made=made, removed=removed)


def backup_to(db: Database, dest: Path) -> Path:
    """Arkiv → Säkerhetskopiera…: a verified copy where the user chose. A copy that cannot be
    made raises a DatabaseError with a Swedish message (full disk, read-only folder, locked)."""
    dest = Path(dest)
    try:
        return backup_sqlite(db.engine, dest)
    except (OSError, sqlite3.Error) as exc:
        raise _write_problem(exc, dest.parent, automatic=False) from exc


def _write_problem(exc: OSError | sqlite3.Error, folder: Path, *, automatic: bool = True) -> DatabaseError:
    import errno

    name = str(getattr(exc, "sqlite_errorname", "") or "")
    detail = f"{type(exc).__name__}: {exc}"
    full = (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)) or (
        name == "SQLITE_FULL" or "disk is full" in str(exc) or name.startswith("SQLITE_IOERR"))
    kept = " och inga tidigare säkerhetskopior har tagits bort" if automatic else ""
    if full:
        return DiskFullError(f"Säkerhetskopian kunde inte skrivas: disken där {folder} ligger är full. "
                             f"Databasen är oförändrad{kept}. Frigör utrymme eller välj en annan disk.",
                             path=folder, detail=detail)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc).lower():
        return LockedDatabaseError("Säkerhetskopian kunde inte göras: databasen är låst av ett annat program just "
                                   f"nu. Försök igen om en stund. Databasen är oförändrad{kept}.", path=folder,
                                   detail=detail)
    if (isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)) or name.startswith(
            ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return ReadOnlyDatabaseError(f"Säkerhetskopian kunde inte skrivas: mappen {folder} är skrivskyddad eller "
                                     f"går inte att skriva i. Välj en annan mapp. Databasen är oförändrad{kept}.",
                                     path=folder, detail=detail)
    return DatabaseError(f"Säkerhetskopian kunde inte skrivas till {folder}. Databasen är oförändrad{kept}.",
                         path=folder, detail=detail)
