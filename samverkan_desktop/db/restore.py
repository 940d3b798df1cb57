"""Restoring a backup. A file offered for restore is untrusted: before anything is replaced it
must have SQLite's header, our application_id, a schema revision this program knows, only the
schema objects our migrations create, and pass `integrity_check` + `foreign_key_check`.

The current database is never deleted: it is kept beside the restored one as
`<name>.before-restore-<stamp>` (a damaged one as `<name>.damaged`), and `restore_and_open`
puts it back if the restored file does not open. At every moment the database path holds either
the old file or the complete, verified new one (the new file is staged under a temporary name
and renamed over the old one, which is first hard-linked aside)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .backup import copy_sqlite_file, connect_untrusted, fsync_dir, integrity_problems, read_header
from .engine import APPLICATION_ID
from .errors import (
    DamagedDatabaseError,
    DatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    NotOurDatabaseError,
    RestoreError,
)

if TYPE_CHECKING:
    from .database import Database

#: Companion files SQLite pairs with a database by name; they move with it.
COMPANIONS = ("-journal", "-wal", "-shm")

#: Tables that existed in some released schema revision but no longer do (none yet).
HISTORIC_TABLES: frozenset[str] = frozenset()

#: Tables every revision has; a file without them is not one of ours.
CORE_TABLES = frozenset({"agreement", "activity", "organisation", "person", "meeting", "change_log"})

#: The only triggers our migrations create (the append-only guard of the change log).
KNOWN_TRIGGERS = {
    "change_log_no_update": "CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log "
                            "BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END",
    "change_log_no_delete": "CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log "
                            "BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END",
}


@dataclass(frozen=True)
class VerifiedFile:
    """What a verified file holds (shown to the user before restoring)."""

    path: Path
    revision: str
    counts: dict[str, int]
    size: int
    modified: datetime

    def summary(self) -> str:
        n_agreements = self.counts.get("agreement", 0)
        n_activities = self.counts.get("activity", 0)
        n_meetings = self.counts.get("meeting", 0)
        return (f"{self.path.name}: schemaversion {self.revision}, {n_agreements} avtal, {n_activities} aktiviteter, "
                f"{n_meetings} möten, ändrad {self.modified:%Y-%m-%d %H:%M}.")


@dataclass
class RestoreResult:
    target: Path
    source: Path
    kept_aside: Path | None
    revision: str
    moved_companions: list[Path] = field(default_factory=list)

    def message(self) -> str:
        text = f"Databasen {self.target} har återställts från {self.source}."
        if self.kept_aside is not None:
            text += f" Den tidigare filen finns kvar som {self.kept_aside}."
        return text

    def undo(self) -> None:
        """Put the file that was kept aside back in place (the restored copy is discarded;
        the source of the restore is untouched)."""
        if self.kept_aside is None or not self.kept_aside.exists():
            return
        os.replace(self.kept_aside, self.target)
        for comp in self.moved_companions:
            suffix = comp.name[len(self.kept_aside.name):]
            os.replace(comp, self.target.with_name(self.target.name + suffix))
        fsync_dir(self.target.parent)


def _known_tables() -> frozenset[str]:
    from ..models import metadata

    return frozenset(metadata.tables) | {"alembic_version"} | HISTORIC_TABLES


def _norm_sql(sql: str | None) -> str:
    return " ".join((sql or "").split())


def verify_backup_file(path: Path) -> VerifiedFile:
    """Every check a file must pass before it may replace a database. Raises NotADatabaseError,
    NotOurDatabaseError, NewerDatabaseError, DamagedDatabaseError or DatabaseError (Swedish)."""
    from .migrate import KNOWN_REVISIONS

    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise RestoreError(f"Filen {name} finns inte.", path=path)
    try:
        head = read_header(path)
        st = path.stat()
    except OSError as exc:
        raise RestoreError(f"Filen {name} kan inte läsas: {exc.strerror or exc}.", path=path) from exc
    if head.file_size == 0:
        raise NotADatabaseError(f"Filen {name} är tom och är ingen säkerhetskopia.", path=path)
    if not head.is_sqlite:
        if head.all_zero and head.file_size >= 512:
            raise DamagedDatabaseError(f"Filen {name} är skadad: filhuvudet är nollställt.", path=path)
        raise NotADatabaseError(f"Filen {name} är ingen SQLite-databas och kan inte återställas.", path=path)
    if head.application_id != APPLICATION_ID:
        raise NotOurDatabaseError(f"Filen {name} är en databas från ett annat program och kan inte återställas.",
                                  path=path)
    if head.page_size < 512 or head.page_size & (head.page_size - 1) or head.file_size % head.page_size:
        raise DamagedDatabaseError(f"Filen {name} är skadad: storleken stämmer inte med sidstorleken "
                                   "(filen är avkortad).", path=path)
    if head.expected_size is not None and head.file_size < head.expected_size:
        raise DamagedDatabaseError(f"Filen {name} är skadad: den är avkortad ({head.file_size} av "
                                   f"{head.expected_size} byte).", path=path)
    try:
        conn = connect_untrusted(path)
    except sqlite3.Error as exc:
        raise DamagedDatabaseError(f"Filen {name} kan inte öppnas: {exc}.", path=path) from exc
    try:
        objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        tables = {n for t, n, _tb, _s in objects if t == "table" and not n.startswith("sqlite_")}
        if "alembic_version" not in tables or not CORE_TABLES <= tables:
            raise NotOurDatabaseError(f"Filen {name} är ingen Samverkan-databas (tabeller saknas).", path=path)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DamagedDatabaseError(f"Filen {name} är skadad: {exc}.", path=path) from exc
    except DatabaseError:
        conn.close()
        raise
    try:
        if revision is None:
            raise NotOurDatabaseError(f"Filen {name} saknar schemaversion och kan inte återställas.", path=path)
        if revision not in KNOWN_REVISIONS:
            raise NewerDatabaseError(f"Filen {name} är skapad av en nyare version av Samverkan Desktop "
                                     f"(schemaversion {revision}) och kan inte återställas med den här versionen.",
                                     path=path)
        unknown = sorted(tables - _known_tables())
        if unknown:
            raise NotOurDatabaseError(f"Filen {name} innehåller okända tabeller ({', '.join(unknown[:5])}) och "
                                      "återställs inte.", path=path)
        for typ, obj, _tbl, sql in objects:
            if typ == "view":
                raise NotOurDatabaseError(f"Filen {name} innehåller en okänd vy ({obj}) och återställs inte.",
                                          path=path)
            if typ == "trigger" and _norm_sql(sql) != _norm_sql(KNOWN_TRIGGERS.get(obj)):
                raise NotOurDatabaseError(f"Filen {name} innehåller en okänd trigger ({obj}) och återställs inte.",
                                          path=path)
        counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in sorted(tables)}
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(f"Filen {name} är skadad: {exc}.", path=path) from exc
    finally:
        conn.close()
    problems = integrity_problems(path)
    if problems:
        raise DamagedDatabaseError(f"Filen {name} är skadad och kan inte återställas "
                                   f"(integritetskontroll: {'; '.join(problems[:3])}).", path=path)
    return VerifiedFile(path, revision, counts, st.st_size, datetime.fromtimestamp(st.st_mtime))


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    n = 2
    while path.with_name(f"{path.name}-{n}").exists():
        n += 1
    return path.with_name(f"{path.name}-{n}")


def _keep_aside(target: Path, aside: Path) -> list[Path]:
    """Hard-link (or copy) the current file to `aside`; move its journal files along with it."""
    try:
        os.link(target, aside)
    except OSError:
        shutil.copy2(target, aside)
    moved: list[Path] = []
    for suffix in COMPANIONS:
        comp = target.with_name(target.name + suffix)
        if comp.exists():
            dest = aside.with_name(aside.name + suffix)
            os.replace(comp, dest)
            moved.append(dest)
    return moved


def _swap_in(source: Path, target: Path, aside_name: Callable[[Path], Path] | None, revision: str) -> RestoreResult:
    staged = target.with_name(target.name + ".aterstalls")
    try:
        copy_sqlite_file(source, staged)
    except (OSError, sqlite3.Error) as exc:
        staged.unlink(missing_ok=True)
        raise RestoreError(f"Säkerhetskopian kunde inte kopieras till {target.parent}: {exc}. Inget har ändrats.",
                           path=target) from exc
    aside: Path | None = None
    moved: list[Path] = []
    if target.exists() and aside_name is not None:
        aside = _unique(aside_name(target))
        moved = _keep_aside(target, aside)
    os.replace(staged, target)
    fsync_dir(target.parent)
    return RestoreResult(target, source, aside, revision, moved)


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def restore_file(source: Path, target: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace the database at `target` with a verified copy of `source`; the current file is
    kept as `<name>.before-restore-<stamp>`. The database must be closed (disposed) first."""
    source, target = Path(source), Path(target)
    if target.exists() and source.resolve() == target.resolve():
        raise RestoreError("Säkerhetskopian och databasen är samma fil.", path=target)
    info = verify_backup_file(source)
    stamp = _stamp(now)
    return _swap_in(source, target, lambda t: t.with_name(f"{t.name}.before-restore-{stamp}"), info.revision)


def restore_and_open(source: Path, target: Path, *, backup_dir: Path | None = None,
                     now: datetime | None = None) -> tuple["Database", RestoreResult]:
    """`restore_file`, then `open_database`; if the restored file does not open, the previous
    file is put back and RestoreError says why. Returns (Database, RestoreResult)."""
    from .open import open_database

    result = restore_file(source, target, now=now)
    try:
        db = open_database(target, backup_dir=backup_dir)
    except DatabaseError as exc:
        result.undo()
        raise RestoreError(f"Den återställda databasen kunde inte öppnas ({exc}). Den tidigare filen har lagts "
                           "tillbaka.", path=target) from exc
    return db, result


def move_aside_damaged(target: Path) -> Path:
    """Move a damaged database (and its journal) to `<name>.damaged` — never delete it."""
    target = Path(target)
    aside = _unique(target.with_name(target.name + ".damaged"))
    os.replace(target, aside)
    for suffix in COMPANIONS:
        comp = target.with_name(target.name + suffix)
        if comp.exists():
            os.replace(comp, aside.with_name(aside.name + suffix))
    fsync_dir(target.parent)
    return aside


def restore_damaged(target: Path, backup: Path) -> RestoreResult:
    """A damaged (or missing) database replaced by a verified backup; the damaged file is kept
    as `<name>.damaged`. The backup is verified first; nothing changes if it fails."""
    source, target = Path(backup), Path(target)
    info = verify_backup_file(source)
    return _swap_in(source, target, lambda t: t.with_name(t.name + ".damaged"), info.revision)
