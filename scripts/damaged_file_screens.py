"""See every damaged, locked and wrong file in the real window: for each case the file is prepared
for real, the real application (Controller, crash handler, Swedish translations, real Qt message
boxes) is started on it, and each message box or dialog is saved as a PNG.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/damaged_file_screens.py \\
        [--out docs/screenshots/damaged] [--only truncated,removed] [--keep-work] [--with-window]
        [--summary cases.json]

Each case runs in a process of its own (its own data folder, locks and settings); the summary
(case, title and text of every box, PNG) is printed as JSON lines (and written to `--summary FILE`).

How each condition is made — all for real, no error is faked:
  truncated      the file cut to half its size
  garbage        four pages overwritten with random bytes
  zeroed         the first 100 bytes (the SQLite header) set to zero
  not-sqlite     the database file overwritten by a text document
  newer          the schema revision set to one this version does not know
  readonly-file  `chattr +i` as root (what a read-only share or a locked-down file does); chmod otherwise
  readonly-dir   the same on the folder (SQLite must write a journal beside the file)
  locked         another process holds SQLite's EXCLUSIVE lock
  removed        the file deleted while the window is open, then a change saved with Ctrl+S
  disk-full      a 2 MB tmpfs filled to the last byte while the window is open, then Ctrl+S
                 (as root; otherwise the file-size limit RLIMIT_FSIZE, as test_damaged_files does)
  second-instance another process holds the program's instance lock (db/lock.py, the same code
                 a running Samverkan Desktop uses; no second window, so it cannot cover this one)
  cloud-folder   the database in "OneDrive - Enköpings kommun" (a network share cannot be
                 mounted without a server; the same warning code covers both)
  readonly-running / locked-running   the file made read-only, or locked by another process,
                 while the window is open, then Ctrl+S

Xvfb has no window manager, so windows have no title bar; the script draws the box's real
window title above it (as the frame would), so the title the user reads is in the picture.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 28)
BACKUP_TIME = datetime(2026, 11, 27, 16, 45)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# ---- the cases --------------------------------------------------------------------------------
@dataclass
class Case:
    key: str
    title: str  # Swedish, for the docs table
    answers: list[str] = field(default_factory=list)  # for question boxes, in order: "yes" / "no"
    runtime: bool = False  # the problem strikes after the window has opened (save with Ctrl+S)


CASES = [
    Case("truncated", "Avkortad fil", ["yes"]),
    Case("garbage", "Sida överskriven med skräp", ["no"]),
    Case("zeroed", "Nollställt filhuvud", ["no"]),
    Case("not-sqlite", "Ingen SQLite-databas (textfil)", ["no"]),
    Case("newer", "Databas från en nyare version"),
    Case("readonly-file", "Skrivskyddad fil"),
    Case("readonly-dir", "Skrivskyddad mapp"),
    Case("locked", "Låst av ett annat program"),
    Case("removed", "Borttagen medan programmet körs", ["yes"], runtime=True),
    Case("disk-full", "Full disk", runtime=True),
    Case("second-instance", "Redan öppen i Samverkan Desktop"),
    Case("cloud-folder", "I en synkroniserad molnmapp (OneDrive)"),
    Case("readonly-running", "Skrivskyddad medan programmet körs", runtime=True),
    Case("locked-running", "Låst av ett annat program medan programmet körs", runtime=True),
]


def parent(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="docs/screenshots/damaged")
    ap.add_argument("--only", default="")
    ap.add_argument("--keep-work", action="store_true")
    ap.add_argument("--with-window", action="store_true", help="also the whole window after the last box")
    ap.add_argument("--summary", default="", help="write the cases, titles and texts as JSON to this file")
    args = ap.parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="samverkan-skadade-"))
    demo = work / "demo.sqlite"
    build = subprocess.run([sys.executable, "-m", "samverkan_desktop", "--db", str(demo), "--today",
                            TODAY.isoformat(), "demo"], cwd=ROOT, env={**os.environ, "SAMVERKAN_DATA_DIR": str(work / "x")},
                           capture_output=True, text=True)
    if build.returncode != 0:
        print(build.stderr, file=sys.stderr)
        return 1
    only = set(filter(None, args.only.split(",")))
    results = []
    for n, case in enumerate(CASES, 1):
        if only and case.key not in only:
            continue
        proc = subprocess.run([sys.executable, __file__, "--case", case.key, "--n", str(n), "--out", str(out),
                               "--work", str(work / case.key), "--demo", str(demo)]
                              + (["--with-window"] if args.with_window else []), cwd=ROOT,
                              capture_output=True, text=True, timeout=180)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            print(f"{case.key}: FAILED\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}", file=sys.stderr)
            results.append({"case": case.key, "title": case.title, "failed": True})
            continue
        for ln in lines:
            print(ln)
            results.append(json.loads(ln))
    if args.summary:
        Path(args.summary).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.keep_work:
        subprocess.run(["chattr", "-R", "-i", str(work)], capture_output=True, check=False)
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(not r.get("failed") for r in results) else 1


# ---- one case, in its own process ------------------------------------------------------------------
def make_backup(path: Path) -> None:
    """A verified automatic backup of this very file, as the program takes at start and close."""
    from samverkan_desktop.db.backups import auto_backup
    from samverkan_desktop.db.open import open_database
    from samverkan_desktop.paths import backup_dir

    db = open_database(path, backup_dir=backup_dir())
    auto_backup(db, backup_dir(), now=BACKUP_TIME, force=True)
    db.dispose()


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    if IS_ROOT and shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)]).returncode == 0:
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


def hold(code: str) -> subprocess.Popen[str]:
    """Another process that takes something and keeps it until its stdin closes."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ok":
        raise RuntimeError("the helper process could not take its lock")
    return proc


class Shooter:
    """Saves every modal box the application shows, then answers it like a user."""

    def __init__(self, app, window, out: Path, prefix: str, answers: list[str]) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer

        self.app, self.window, self.out, self.prefix = app, window, out, prefix
        self.answers = list(answers)
        self.shots: list[dict[str, str]] = []
        self._seen: set[int] = set()
        self._pending: object | None = None
        self._ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        from PySide6.QtWidgets import QDialog, QMessageBox

        w = self.app.activeModalWidget()
        if not isinstance(w, QDialog) or not w.isVisible() or id(w) in self._seen:
            return
        if self._pending is not w:
            self._pending, self._ticks = w, 0
            return
        self._ticks += 1
        if self._ticks < 4:  # let it paint
            return
        self._seen.add(id(w))
        name = f"{self.prefix}-{len(self.shots) + 1}.png"
        self.shoot(w, self.out / name)
        entry = {"png": name, "title": w.windowTitle(), "text": w.text() if isinstance(w, QMessageBox) else "",
                 "buttons": [b.text() for b in w.buttons()] if isinstance(w, QMessageBox) else []}
        self.shots.append(entry)
        if isinstance(w, QMessageBox):
            yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
            if w.button(yes) is not None:
                answer = self.answers.pop(0) if self.answers else "no"
                entry["answer"] = answer
                button = w.button(yes if answer == "yes" else no)
            else:
                button = w.defaultButton() or w.buttons()[0]
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, button.click)
        else:
            w.reject()

    def shoot(self, box, path: Path) -> None:  # type: ignore[no-untyped-def]
        """The screen around the box (with the window behind it), and the box's title drawn where
        a window manager would put it."""
        from PySide6.QtCore import QRect, Qt
        from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

        screen = self.app.primaryScreen().grabWindow(0)
        geo = box.frameGeometry()
        bar = 30
        margin = 40
        area = QRect(geo.x() - margin, geo.y() - bar - margin, geo.width() + 2 * margin,
                     geo.height() + bar + 2 * margin).intersected(screen.rect())
        shot = QPixmap(screen.copy(area))
        p = QPainter(shot)
        top = QRect(geo.x() - area.x(), geo.y() - area.y() - bar, geo.width(), bar)
        p.fillRect(top, QColor("#3b4252"))
        p.setPen(QColor("#eceff4"))
        f = QFont(box.font())
        f.setBold(True)
        p.setFont(f)
        p.drawText(top.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   box.windowTitle())
        p.setPen(QColor("#3b4252"))
        p.drawRect(QRect(top.x(), top.y(), geo.width() - 1, geo.height() + bar - 1))
        p.end()
        shot.save(str(path))

    def window_shot(self, path: Path) -> None:
        self.window.grab().scaledToWidth(900).save(str(path))


def settle(app, ms: int, until: Callable[[], bool] | None = None) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            return
        time.sleep(0.02)


def open_first_agreement_and_retitle(app, window, title: str) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.agreements)
    tab = window.agreements
    settle(app, 8000, lambda: tab.model.rowCount() > 0 and not window.ctx.tasks.running())
    view = tab.view
    view.setCurrentIndex(view.model().index(0, 0))
    settle(app, 3000, lambda: tab.form.title_edit.text() != "")
    tab.form.title_edit.setText(title)
    settle(app, 300)


def child(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", required=True)
    ap.add_argument("--n", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--demo", required=True)
    ap.add_argument("--with-window", action="store_true")
    args = ap.parse_args(argv)
    case = next(c for c in CASES if c.key == args.case)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    os.environ["SAMVERKAN_DATA_DIR"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")  # the window's own settings, not the user's
    sys.path.insert(0, str(ROOT))

    folder = work / "Mina dokument"
    if case.key == "cloud-folder":
        folder = work / "OneDrive - Enköpings kommun" / "Samverkan"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "samverkan.sqlite"
    shutil.copyfile(args.demo, path)
    cleanups: list[Callable[[], None]] = []
    stack = contextlib.ExitStack()
    tiny: Path | None = None

    if case.key in ("truncated", "garbage", "zeroed", "not-sqlite"):
        make_backup(path)
        data = bytearray(path.read_bytes())
        if case.key == "truncated":
            data = data[: len(data) // 2]
        elif case.key == "garbage":
            rnd = hashlib.sha256(b"skrap").digest() * 128
            for page in (3, 4, 5, 8):
                data[page * 4096:(page + 1) * 4096] = rnd
        elif case.key == "zeroed":
            data[:100] = bytes(100)
        else:
            data = bytearray("Protokoll från styrgruppen 2026-11-20\n\nDetta är ett textdokument.\n".encode() * 40)
        path.write_bytes(bytes(data))
    elif case.key == "newer":
        con = sqlite3.connect(path)
        con.execute("UPDATE alembic_version SET version_num = '0099_framtida'")
        con.commit()
        con.close()
    elif case.key == "readonly-file":
        stack.enter_context(read_only(path))
    elif case.key == "readonly-dir":
        stack.enter_context(read_only(folder))
    elif case.key == "locked":
        proc = hold(f"""
            import sqlite3, sys
            con = sqlite3.connect({str(path)!r}, isolation_level=None)
            con.execute("BEGIN EXCLUSIVE")
            con.execute("CREATE TABLE _annat_program (x)")
            print("ok", flush=True)
            sys.stdin.readline()
        """)
        cleanups.append(proc.kill)
    elif case.key == "second-instance":
        proc = hold(f"""
            import sys
            from pathlib import Path
            from samverkan_desktop.db.lock import acquire_instance_lock
            lock = acquire_instance_lock(Path({str(path)!r}))
            print("ok", flush=True)
            sys.stdin.readline()
        """)
        cleanups.append(proc.kill)
    elif case.key == "disk-full":
        tiny = work / "liten-disk"
        tiny.mkdir()
        if IS_ROOT and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(tiny)],
                                      capture_output=True).returncode == 0:
            cleanups.append(lambda: subprocess.run(["umount", "-l", str(tiny)], check=False))
            path = tiny / "samverkan.sqlite"
            shutil.copyfile(args.demo, path)
        else:
            tiny = None

    from PySide6.QtWidgets import QApplication

    from samverkan_desktop.ui.application import Controller, install_crash_handler
    from samverkan_desktop.ui.i18n import install_translators

    app = QApplication([sys.argv[0]])
    app.setApplicationName("Samverkan Desktop")
    app.setOrganizationName("Samverkan")
    install_translators(app, "sv")
    controller = Controller(app, TODAY)
    install_crash_handler(controller.messenger, controller.report_problem)
    window = controller.window
    window.resize(1240, 800)
    controller.show()
    settle(app, 500)
    prefix = f"{args.n:02d}-{case.key}"
    shooter = Shooter(app, window, Path(args.out), prefix, case.answers)
    opened = controller.open(str(path))  # start-up problems show their box in here
    settle(app, 1500, lambda: window.is_attached() and not window.ctx.tasks.running())
    if case.runtime and opened:
        open_first_agreement_and_retitle(app, window, "Partnerskap för välfärdsinnovation 2027")
        if case.key == "removed":
            os.unlink(path)
        elif case.key == "readonly-running":
            stack.enter_context(read_only(path))
            if not IS_ROOT:  # chmod does not bind a file descriptor that is already open
                controller.services.db.engine.dispose()  # type: ignore[union-attr]
        elif case.key == "locked-running":
            proc = hold(f"""
                import sqlite3, sys
                con = sqlite3.connect({str(path)!r}, isolation_level=None)
                con.execute("BEGIN EXCLUSIVE")
                con.execute("CREATE TABLE _annat_program (x)")
                print("ok", flush=True)
                sys.stdin.readline()
            """)
            cleanups.append(proc.kill)
        elif case.key == "disk-full":
            if tiny is not None:
                with open(tiny / "fyllnad.bin", "wb") as fh, contextlib.suppress(OSError):
                    while True:
                        fh.write(b"\0" * 65536)
                        fh.flush()
            else:  # not root: the file may not grow (EFBIG), as on a full disk
                import resource
                import signal

                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (path.stat().st_size, resource.RLIM_INFINITY))
        window.extra_actions["save"].trigger()  # Ctrl+S; the box is shown (and answered) in here
        settle(app, 3000, lambda: window.is_attached() and not window.ctx.tasks.running())
    if not shooter.shots:
        print(f"{case.key}: no message box appeared", file=sys.stderr)
    settle(app, 300)
    if args.with_window:
        shooter.window_shot(Path(args.out) / f"{prefix}-fonster.png")
    aside = sorted(p.name for p in path.parent.iterdir() if ".damaged" in p.name)
    for shot in shooter.shots:
        print(json.dumps({"case": case.key, "title_case": case.title, **shot, "kept_aside": aside,
                          "file_exists": path.exists()}, ensure_ascii=False))
    sys.stdout.flush()
    shooter.timer.stop()
    for fn in cleanups:
        with contextlib.suppress(Exception):
            fn()
    stack.close()
    if controller.lock is not None:
        controller.lock.release()
    os._exit(0 if shooter.shots else 2)


if __name__ == "__main__":
    if "--case" in sys.argv:
        raise SystemExit(child(sys.argv[1:]))
    raise SystemExit(parent(sys.argv[1:]))
