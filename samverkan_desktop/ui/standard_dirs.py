"""Where file dialogs start: Qt's standard Documents folder (finds a OneDrive-redirected one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def default_export_dir() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()
