"""User preferences: one typed schema of plain JSON values, versioned, in the data folder.
Window state (geometry, splitters, column widths, last tab) is kept apart, in QSettings."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .paths import data_dir

SCHEMA_VERSION = 1
#: Upper bound of each backup count in the preferences (days, weeks or months kept).
BACKUP_MAX = 999


@dataclass(frozen=True)
class Preferences:
    language: str = "sv"  # "sv" | "en"
    radar_days: int = 90
    warn_days: tuple[int, ...] = (90, 30)
    organisation_name: str = ""
    logo_path: str = ""
    last_database: str = ""
    last_export_dir: str = ""
    recent_databases: tuple[str, ...] = ()
    #: Automatic backups kept (db.backups.BackupPolicy): newest copy of each of the last N days, weeks, months.
    backup_daily: int = 7
    backup_weekly: int = 4
    backup_monthly: int = 12


def preferences_path() -> Path:
    return data_dir() / "preferences.json"


def _upgrade(raw: dict[str, object]) -> dict[str, object]:
    """Bring older files to SCHEMA_VERSION (one step per version)."""
    version = int(raw.get("schema_version", 1) or 1)  # type: ignore[arg-type]
    if version > SCHEMA_VERSION:
        return {}  # written by a newer app: fall back to defaults rather than misread
    return raw


def load_preferences(path: Path | None = None) -> Preferences:
    p = path or preferences_path()
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            return Preferences()
    except (OSError, ValueError):
        return Preferences()
    raw = _upgrade(raw)
    known = {f.name: f for f in fields(Preferences)}
    values: dict[str, object] = {}
    defaults = Preferences()
    for name, value in raw.items():
        if name not in known:
            continue
        default = getattr(defaults, name)
        if isinstance(default, tuple) and isinstance(value, list):
            value = tuple(value)
        if type(value) is type(default):
            values[name] = value
    prefs = replace(defaults, **values)  # type: ignore[arg-type]
    if prefs.language not in ("sv", "en"):
        prefs = replace(prefs, language="sv")
    if not 1 <= prefs.radar_days <= 3650:
        prefs = replace(prefs, radar_days=90)
    for name, low in (("backup_daily", 1), ("backup_weekly", 0), ("backup_monthly", 0)):
        if not low <= getattr(prefs, name) <= BACKUP_MAX:
            prefs = replace(prefs, **{name: getattr(defaults, name)})
    return prefs


def save_preferences(prefs: Preferences, path: Path | None = None) -> None:
    """Atomic write: temp file then rename, so a crash never leaves half a file."""
    p = path or preferences_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    data = {"schema_version": SCHEMA_VERSION, **asdict(prefs)}
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, p)


def remember_database(prefs: Preferences, target: str) -> Preferences:
    recent = tuple([target] + [r for r in prefs.recent_databases if r != target])[:8]
    return replace(prefs, last_database=target, recent_databases=recent)
