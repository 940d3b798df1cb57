"""Where the application keeps its files, per user and non-roaming (no Qt needed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "Samverkan Desktop"
DB_FILE_NAME = "samverkan.sqlite"


def data_dir() -> Path:
    """The user's local data folder: %LOCALAPPDATA% on Windows (never the roaming profile
    or OneDrive-redirected Documents), XDG_DATA_HOME elsewhere. SAMVERKAN_DATA_DIR overrides."""
    override = os.environ.get("SAMVERKAN_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "samverkan-desktop"


def default_database_path() -> Path:
    return data_dir() / DB_FILE_NAME


def backup_dir() -> Path:
    return data_dir() / "backups"


def resource_dir() -> Path:
    """`resources/` beside the package (source checkout) or inside a frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
