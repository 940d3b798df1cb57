"""Open the real window on the demo data and save a PNG of each tab (and any extra views).

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
          [--scale 1.5] [--lang sv|en] [--only agreements,portfolio]

Uses a fresh demo database in a temporary folder, today fixed at 2026-11-28."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 28)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="docs/screenshots")
    ap.add_argument("--scale", default="")
    ap.add_argument("--lang", default="sv")
    ap.add_argument("--only", default="")
    ap.add_argument("--empty", action="store_true", help="an empty database instead of the demo")
    args = ap.parse_args()
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale
    tmp = Path(tempfile.mkdtemp())
    os.environ["SAMVERKAN_DATA_DIR"] = str(tmp)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from samverkan_desktop.db.open import open_database
    from samverkan_desktop.services import Services
    from samverkan_desktop.services.demo import load_demo
    from samverkan_desktop.settings import Preferences
    from samverkan_desktop.ui.context import UiContext
    from samverkan_desktop.ui.i18n import install_translators
    from samverkan_desktop.ui.main_window import MainWindow
    from samverkan_desktop.ui.messages import Messenger
    from samverkan_desktop.ui.tasks import TaskRunner

    app = QApplication(sys.argv)
    install_translators(app, args.lang)
    sv = Services.build(open_database(tmp / "demo.sqlite"))
    if not args.empty:
        load_demo(sv, TODAY)
    ctx = UiContext(services=sv, prefs=Preferences(language=args.lang), messenger=Messenger(),
                    tasks=TaskRunner(None), today_fn=lambda: TODAY)
    w = MainWindow(ctx, QSettings(str(tmp / "state.ini"), QSettings.Format.IniFormat))
    w.resize(1360, 860)
    w.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    suffix = f"-{args.scale.replace('.', '_')}x" if args.scale else ""
    for i, tab in enumerate(w.tab_list()):
        if only and tab.key not in only:
            continue
        w.tabs.setCurrentIndex(i)
        w.load_first_tab()
        deadline = 200
        while ctx.tasks.running() and deadline:
            app.processEvents()
            import time

            time.sleep(0.05)
            deadline -= 1
        if hasattr(tab, "prepare_screenshot"):
            tab.prepare_screenshot()
        for _ in range(20):
            app.processEvents()
        name = out / f"{i + 1:02d}-{tab.key}{'-empty' if args.empty else ''}{suffix}.png"
        w.grab().save(str(name))
        print(name)
    ctx.tasks.cancel_all_and_wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
