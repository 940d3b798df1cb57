"""Verified copies of a SQLite database through SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from .errors import DamagedDatabaseError


def integrity_problems(path: Path) -> list[str]:
    """`PRAGMA integrity_check` and `foreign_key_check` of a file; empty when healthy."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [] if rows == ["ok"] else rows
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"främmande nyckel bryts i tabell {r[0]} rad {r[1]}" for r in fk]
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def backup_sqlite(engine: Engine, dest: Path) -> Path:
    """Copy the live database to `dest` (temporary name, integrity check, fsync, rename)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    raw = engine.raw_connection()
    try:
        src = raw.driver_connection  # the sqlite3.Connection
        target = sqlite3.connect(tmp)
        try:
            src.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    finally:
        raw.close()
    problems = integrity_problems(tmp)
    if problems:
        tmp.unlink(missing_ok=True)
        raise DamagedDatabaseError("Säkerhetskopian kunde inte verifieras: " + "; ".join(problems[:3]))
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    return dest
