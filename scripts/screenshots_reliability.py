"""PNGs of the reliability views on the demo data: the conflict dialog (someone else saved the
LOFT agreement while it was being edited), the people's-data dialog, the history pages of the
Avtal and Möten tabs, and the backup counts in Preferences.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots_reliability.py [--out DIR]
          [--lang sv|en] [--empty]

Uses a fresh demo database in a temporary folder, today fixed at 2026-11-28."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 28)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="docs/screenshots")
    ap.add_argument("--lang", default="sv")
    ap.add_argument("--empty", action="store_true", help="an empty database: only the people dialog")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    os.environ["SAMVERKAN_DATA_DIR"] = str(tmp)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from samverkan_desktop.db.database import Database
    from samverkan_desktop.db.open import open_database
    from samverkan_desktop.services import Services
    from samverkan_desktop.services.demo import load_demo
    from samverkan_desktop.settings import Preferences
    from samverkan_desktop.ui.context import UiContext
    from samverkan_desktop.ui.dialogs.preferences import PreferencesDialog
    from samverkan_desktop.ui.dialogs.privacy_dialog import PrivacyDialog
    from samverkan_desktop.ui.i18n import install_translators
    from samverkan_desktop.ui.main_window import MainWindow
    from samverkan_desktop.ui.messages import Messenger
    from samverkan_desktop.ui.tasks import TaskRunner

    app = QApplication(sys.argv)
    install_translators(app, args.lang)
    sv = Services.build(open_database(tmp / "demo.sqlite"))
    if not args.empty:
        load_demo(sv, TODAY)
    sv.db.user = "anna.andersson"
    ctx = UiContext(services=sv, prefs=Preferences(language=args.lang), messenger=Messenger(),
                    tasks=TaskRunner(None), today_fn=lambda: TODAY)
    w = MainWindow(ctx, QSettings(str(tmp / "state.ini"), QSettings.Format.IniFormat))
    w.resize(1360, 860)
    w.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def settle(n: int = 20) -> None:
        for _ in range(200):
            app.processEvents()
            if not ctx.tasks.running():
                break
            time.sleep(0.05)
        for _ in range(n):
            app.processEvents()

    def save(widget: object, name: str) -> None:
        settle()
        path = out / name
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(path)

    if args.empty:
        w.extra_actions["personalData"].trigger()
        settle()
        empty = w.findChild(PrivacyDialog)
        assert empty is not None
        save(empty, "reliability-personal-data-empty.png")
        ctx.tasks.cancel_all_and_wait()
        return 0

    # the Avtal tab: LOFT open, then someone else saves it
    w.tabs.setCurrentWidget(w.agreements)
    w.load_first_tab()
    settle()
    w.agreements.prepare_screenshot()
    settle()
    tab = w.agreements
    assert tab._detail is not None
    ident = tab._detail.id
    other_db = Database(tmp / "demo.sqlite")
    other_db.user = "bertil.berg"
    other = Services.build(other_db)
    d = other.agreements.get(ident)
    other.agreements.update(ident, d.version, replace(
        d.data, title="LOFT – Leda och Organisera Förnyelse och Transformation (förlängt)",
        annual_fee_ore=320_000_00, notes="Förlängning beslutad av KS 2024-09-10 § 171."), TODAY)
    tab.form.title_edit.setText("LOFT – Leda och Organisera Förnyelse (rev. 2026)")
    tab.form.title_edit.textEdited.emit(tab.form.title_edit.text())
    tab.form.fee.setText("310 000 kr")
    tab.form.fee.textEdited.emit(tab.form.fee.text())
    tab.save()
    settle()
    assert tab.conflict_dialog is not None
    save(tab.conflict_dialog, "reliability-conflict-dialog.png")
    save(w, "reliability-conflict-window.png")
    tab.conflict_dialog.overwrite_button.click()
    settle()
    tab.form.setCurrentWidget(tab.history)
    save(w, "reliability-agreement-history.png")

    # the Möten tab: the history of the next beredning
    w.tabs.setCurrentWidget(w.meetings)
    w.load_first_tab()
    settle()
    w.meetings.prepare_screenshot()
    settle()
    w.meetings.pages.setCurrentWidget(w.meetings.history)
    save(w, "reliability-meeting-history.png")

    # Arkiv → Personuppgifter
    w.extra_actions["personalData"].trigger()
    settle()
    dlg = w.findChild(PrivacyDialog)
    assert dlg is not None
    dlg.filter.setText("Maria")
    settle()
    dlg.view.selectRow(0)
    dlg.reason.setPlainText("Begäran enligt art. 17 inkommen 2026-11-20, dnr KS 2026/9")
    save(dlg, "reliability-personal-data.png")
    dlg.filter.clear()
    dlg.reject()

    # Arkiv → Inställningar
    w.extra_actions["preferences"].trigger()
    settle()
    prefs = w.findChild(PreferencesDialog)
    assert prefs is not None
    save(prefs, "reliability-preferences.png")
    prefs.reject()

    ctx.tasks.cancel_all_and_wait()
    other_db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
