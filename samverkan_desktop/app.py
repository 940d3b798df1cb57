"""Composition root for the window: settings -> database -> services -> MainWindow."""

from __future__ import annotations

from datetime import date


def run_gui(db_target: str | None, today: date | None, lang: str | None) -> int:
    from .ui.application import run

    return run(db_target, today, lang)
