"""Starts the Qt application (filled in by the main-window work)."""

from __future__ import annotations

import sys
from datetime import date


def run(db_target: str | None, today: date | None, lang: str | None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("Samverkan Desktop – fönstret kommer i nästa version. Använd kommandoraden.")
    label.show()
    return int(app.exec())
