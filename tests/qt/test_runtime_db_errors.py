"""Problems of the database's surroundings that strike while the window is open — a full disk,
the file removed or made read-only, a lock held by another program, a lost server connection —
reach the user as the specific Swedish message, never as "Oväntat fel"; the program keeps
running, nothing is half-saved, and what the user typed is still in the form to save again.

The conditions are made for real: a real tmpfs filled to the last byte, `os.unlink` of the open
file, `chattr +i` (as root; chmod otherwise), a real EXCLUSIVE lock held by another process, a
PostgreSQL connection cut by closing the TCP proxy it runs through. Monkeypatched, and why:
the busy timeout (5 s → 0.3 s, only to keep the test fast; the lock itself is real) and
QFileDialog.getSaveFileName (a native modal dialog a test cannot type into)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from samverkan_desktop.db import engine as engine_module
from samverkan_desktop.db.backup import logical_digest
from samverkan_desktop.ui.application import Controller, install_crash_handler
from samverkan_desktop.ui.messages import RecordingMessenger
from samverkan_desktop.ui.tabs.agreements import AgreementsTab

from .conftest import TODAY, wait_tasks

PROBLEM = "Problem med databasen"
NOT_SAVED = "Det du just gjorde sparades inte, och ingenting sparades till hälften"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


# ---- the real application window over a file of its own ---------------------------------------
class App:
    """The Controller (what `samverkan-desktop` runs) with its crash handler, over one file."""

    def __init__(self, qtbot, qapp: QApplication, target: str, messenger: RecordingMessenger) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.messenger, self.target = qtbot, messenger, target
        self.controller = Controller(qapp, TODAY, messenger)
        self.window = self.controller.window
        qtbot.addWidget(self.window)
        self.window.show()
        assert self.controller.open(target), messenger.shown
        wait_tasks(qtbot, self.window)  # the automatic backup at start

    @property
    def tab(self) -> AgreementsTab:
        return self.window.agreements

    def agreements_tab(self) -> AgreementsTab:
        self.window.tabs.setCurrentWidget(self.window.agreements)
        wait_tasks(self.qtbot, self.window)
        self.qtbot.waitUntil(lambda: self.tab.model.rowCount() > 0)
        return self.tab

    def open_first_agreement(self) -> None:
        """Click the first agreement in the list: its form opens."""
        tab = self.agreements_tab()
        view = tab.view
        idx = view.model().index(0, 0)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
        self.qtbot.waitUntil(lambda: tab.form.title_edit.text() != "")

    def edit_title_and_save(self, title: str) -> None:
        """Type a new title into the open agreement and press Ctrl+S — as the analyst does."""
        edit = self.tab.form.title_edit
        if edit.text() != title:
            edit.setFocus()
            edit.selectAll()
            self.qtbot.keyClick(edit, Qt.Key.Key_Delete)
            for ch in title:  # QTest knows only ASCII keys: å, ä, ö go in as key events with text
                if ch.isascii():
                    self.qtbot.keyClick(edit, ch)
                else:
                    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                        QApplication.sendEvent(edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        self.window.activateWindow()
        self.qtbot.keyClick(QApplication.focusWidget() or self.window, Qt.Key.Key_S,
                            Qt.KeyboardModifier.ControlModifier)
        wait_tasks(self.qtbot, self.window)

    def titles(self) -> list[str]:
        return [r.title for r in self.tab.model.rows()]

    def last(self) -> tuple[str, str, str]:
        assert self.messenger.shown, "no message was shown"
        return self.messenger.shown[-1]


def settled_digest(path: Path) -> str:
    """The data in the file as any program would read it next (SQLite first rolls back the journal
    a refused write left behind — the same as the program does on its next access)."""
    con = sqlite3.connect(path)
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    con.close()
    return logical_digest(path)


def assert_swedish_problem(kind_title_text: tuple[str, str, str], *phrases: str) -> str:
    kind, title, text = kind_title_text
    assert (kind, title) == ("error", PROBLEM), kind_title_text
    for phrase in phrases:
        assert phrase in text, text
    for english in ("Traceback", "SQLite:", "database is locked", "disk is full", "I/O", "Error", "readonly"):
        assert english not in text, text
    return text


@pytest.fixture
def crash_handler(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[App]]:
    """The program's own crash handler (put back after the test); register the App in the list."""
    apps: list[App] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield apps


def start(qtbot, qapp: QApplication, target: str, crash: list[App]) -> App:  # type: ignore[no-untyped-def]
    app = App(qtbot, qapp, target, RecordingMessenger(answer=False))
    install_crash_handler(app.messenger, app.controller.report_problem)
    crash.append(app)
    return app


@pytest.fixture
def dbfile(tmp_path: Path, demo_template: Path) -> Path:
    folder = tmp_path / "Mina dokument"
    folder.mkdir()
    path = folder / "samverkan.sqlite"
    shutil.copyfile(demo_template, path)
    return path


@contextlib.contextmanager
def made_read_only(path: Path) -> Iterator[None]:
    """Really read-only, also for root (`chattr +i`); for others chmod, which an open file
    descriptor ignores, so the pool is emptied and the next connection meets the protection."""
    if ROOT:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)],
                                                            capture_output=True).returncode != 0:
            pytest.skip("running as root where chattr +i is not available")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


# ---- the cases ----------------------------------------------------------------------------------------
def test_save_on_a_full_disk(qtbot, qapp, tmp_path: Path, demo_template: Path, crash_handler) -> None:  # type: ignore[no-untyped-def]
    disk = tmp_path / "liten-disk"
    disk.mkdir()
    if not ROOT or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
                                  capture_output=True).returncode != 0:
        pytest.skip("a real small disk (tmpfs) needs root on Linux")
    try:
        path = disk / "samverkan.sqlite"
        shutil.copyfile(demo_template, path)
        app = start(qtbot, qapp, str(path), crash_handler)
        app.open_first_agreement()
        before = logical_digest(path)
        filler = disk / "fyllnad.bin"
        with open(filler, "wb") as fh, contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        app.edit_title_and_save("Ny titel på full disk")
        text = assert_swedish_problem(app.last(), f"Disken där {path} ligger är full", "sparades inte",
                                      "Frigör utrymme")
        assert "Ledigt utrymme: 0 kB" in text
        assert app.window.isVisible() and app.tab.form.title_edit.text() == "Ny titel på full disk"
        filler.unlink()
        assert logical_digest(path) == before, "nothing of the failed save may be in the file"
        # space freed: the same form saves (the program kept running and recovers by itself)
        app.edit_title_and_save("Ny titel på full disk")
        qtbot.waitUntil(lambda: "Ny titel på full disk" in app.titles())
        app.controller.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_save_after_the_file_was_removed_offers_the_backup(qtbot, qapp, dbfile: Path, crash_handler) -> None:  # type: ignore[no-untyped-def]
    app = start(qtbot, qapp, str(dbfile), crash_handler)
    app.open_first_agreement()
    original = sorted(app.titles())
    os.unlink(dbfile)
    app.edit_title_and_save("Titel efter borttagningen")
    kind, title, text = app.last()
    assert (kind, title) == ("confirm", PROBLEM)
    assert f"Databasfilen {dbfile} har tagits bort eller flyttats medan programmet var igång" in text
    assert "Lägga tillbaka säkerhetskopian från " in text and "kl. " in text
    assert not dbfile.exists(), "no new, empty database may appear in its place"
    assert app.window.isVisible() and app.tab.form.title_edit.text() == "Titel efter borttagningen"
    # the user says yes the second time: the verified backup is put back and opened
    app.messenger.answer = True
    app.edit_title_and_save("Titel efter borttagningen")
    qtbot.waitUntil(lambda: app.last()[0] == "info")
    assert app.last()[1] == "Återställ" and "har lagts tillbaka där den saknade filen låg" in app.last()[2]
    assert dbfile.exists()
    app.agreements_tab()
    assert sorted(app.titles()) == original
    assert not any(t == "Oväntat fel" for _, t, _ in app.messenger.shown)
    app.controller.close()


def test_save_when_the_file_was_made_read_only(qtbot, qapp, dbfile: Path, crash_handler) -> None:  # type: ignore[no-untyped-def]
    app = start(qtbot, qapp, str(dbfile), crash_handler)
    app.open_first_agreement()
    before = logical_digest(dbfile)
    with made_read_only(dbfile):
        if not ROOT:
            app.controller.services.db.engine.dispose()  # type: ignore[union-attr]
        app.edit_title_and_save("Titel i skrivskyddad fil")
        assert_swedish_problem(app.last(), f"Databasfilen {dbfile} är skrivskyddad", "Ta bort skrivskyddet",
                               NOT_SAVED)
        assert app.window.isVisible() and app.tab.form.title_edit.text() == "Titel i skrivskyddad fil"
    assert settled_digest(dbfile) == before
    app.edit_title_and_save("Titel i skrivskyddad fil")
    qtbot.waitUntil(lambda: "Titel i skrivskyddad fil" in app.titles())
    app.controller.close()


def test_save_when_the_folder_was_made_read_only(qtbot, qapp, dbfile: Path, crash_handler) -> None:  # type: ignore[no-untyped-def]
    app = start(qtbot, qapp, str(dbfile), crash_handler)
    app.open_first_agreement()
    before = logical_digest(dbfile)
    with made_read_only(dbfile.parent):
        if not ROOT:
            app.controller.services.db.engine.dispose()  # type: ignore[union-attr]
        app.edit_title_and_save("Titel i skrivskyddad mapp")
        assert_swedish_problem(app.last(), f"Mappen {dbfile.parent} är skrivskyddad", "journalfil", NOT_SAVED)
    assert settled_digest(dbfile) == before
    app.controller.close()


@contextlib.contextmanager
def held_lock(path: Path) -> Iterator[None]:
    """Another process holding SQLite's EXCLUSIVE lock on the file (readers are blocked too)."""
    code = textwrap.dedent(f"""
        import sqlite3, sys
        con = sqlite3.connect({str(path)!r}, isolation_level=None)
        con.execute("BEGIN EXCLUSIVE")
        con.execute("CREATE TABLE _annat_program (x)")
        print("locked", flush=True)
        sys.stdin.readline()
        con.execute("ROLLBACK")
    """)
    with subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        try:
            yield
        finally:
            proc.stdin.write("\n")
            proc.stdin.flush()
            proc.wait(10)


def test_save_refresh_and_export_while_another_program_holds_a_lock(qtbot, qapp, dbfile: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   crash_handler, monkeypatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)  # the wait only; the lock is real
    app = start(qtbot, qapp, str(dbfile), crash_handler)
    app.open_first_agreement()
    before = logical_digest(dbfile)
    with held_lock(dbfile):
        # a save (a slot the crash handler catches)
        app.edit_title_and_save("Titel medan filen är låst")
        assert_swedish_problem(app.last(), f"{dbfile} är låst av ett annat program", "Försök igen om en stund",
                               NOT_SAVED)
        # a background load (View → Refresh): TaskRunner → report_error
        app.window.extra_actions["refresh"].trigger()
        wait_tasks(qtbot, app.window)
        kind, title, text = app.last()
        assert kind == "error" and title == "Kunde inte läsa in" and "är låst av ett annat program" in text, \
            app.last()
        # the main window's own action in the background: Arkiv → Exportera → Kalender
        ics = tmp_path / "kalender.ics"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(ics), ""))
        app.window.extra_actions["exportCalendar"].trigger()
        wait_tasks(qtbot, app.window)
        kind, title, text = app.last()
        assert (kind, title) == ("warning", "Exportera kalender") and "är låst av ett annat program" in text
        assert not ics.exists()
    shown = [t for _, t, _ in app.messenger.shown]
    assert "Oväntat fel" not in shown
    assert logical_digest(dbfile) == before
    # the lock is gone: the same form saves
    app.edit_title_and_save("Titel medan filen är låst")
    qtbot.waitUntil(lambda: "Titel medan filen är låst" in app.titles())
    app.controller.close()


def test_backup_to_a_read_only_folder_and_to_a_full_disk(qtbot, qapp, dbfile: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         crash_handler, monkeypatch) -> None:
    app = start(qtbot, qapp, str(dbfile), crash_handler)
    locked_folder = tmp_path / "Skrivskyddad"
    locked_folder.mkdir()
    target = locked_folder / "kopia.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with made_read_only(locked_folder):
        app.window.extra_actions["backup"].trigger()
        wait_tasks(qtbot, app.window)
    kind, title, text = app.last()
    assert (kind, title) == ("error", "Säkerhetskopieringen misslyckades"), app.last()
    assert f"mappen {locked_folder} är skrivskyddad" in text and "Databasen är oförändrad" in text, text
    assert not list(locked_folder.iterdir()), "no half copy is left behind"
    if ROOT:
        disk = tmp_path / "liten-disk"
        disk.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)],
                          capture_output=True).returncode == 0:
            try:
                target = disk / "kopia.sqlite"
                app.window.extra_actions["backup"].trigger()
                wait_tasks(qtbot, app.window)
                kind, title, text = app.last()
                assert (kind, title) == ("error", "Säkerhetskopieringen misslyckades"), app.last()
                assert f"disken där {disk} ligger är full" in text, text
                assert not list(disk.iterdir()), "no half copy is left behind"
            finally:
                subprocess.run(["umount", "-l", str(disk)], check=False)
    app.controller.close()


def test_a_bug_still_reaches_the_crash_dialog(qtbot, qapp, dbfile: Path, crash_handler) -> None:  # type: ignore[no-untyped-def]
    """A missing table is not the disk's fault: it stays an unexpected error (log + crash dialog)."""
    app = start(qtbot, qapp, str(dbfile), crash_handler)
    app.open_first_agreement()
    con = sqlite3.connect(dbfile)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("ALTER TABLE agreement RENAME TO agreement_borta")
    con.commit()
    con.close()
    app.edit_title_and_save("Titel som inte kan sparas")
    kind, title, text = app.last()
    assert (kind, title) == ("error", "Oväntat fel"), app.last()
    assert "samverkan.log" in text
    app.controller.close()


# ---- PostgreSQL: the connection lost while the window is open ----------------------------------
class Proxy:
    """A TCP proxy between the program and the PostgreSQL server; `cut()` is the network going away."""

    def __init__(self, host: str, port: int, listen_port: int = 0) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", listen_port))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.running = False
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() and stops listening (Linux)
        self.listener.close()
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


@pytest.mark.postgres
def test_postgresql_connection_lost_while_the_window_is_open(qtbot, qapp, pg_template: str,  # type: ignore[no-untyped-def]
                                                              crash_handler) -> None:
    from sqlalchemy.engine import make_url

    from samverkan_desktop.domain.catalog import AgreementKind, OrgKind
    from samverkan_desktop.services import Services
    from samverkan_desktop.services.agreements import AgreementInput

    from ..conftest import _pg_database

    databases = _pg_database(pg_template)
    base = next(databases)
    try:
        sv = Services.build(base)
        own = sv.people.save_organisation("Enköpings kommun", OrgKind.KOMMUN, is_own=True)
        sv.agreements.create(AgreementInput(AgreementKind.PARTNERAVTAL, "Partnerskap om välfärd", own,
                                            TODAY.replace(year=2025)), TODAY)
        url = base.engine.url
        proxy = Proxy(url.host or "127.0.0.1", url.port or 5432)
        via_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        app = start(qtbot, qapp, via_proxy, crash_handler)
        app.open_first_agreement()
        proxy.cut()
        app.edit_title_and_save("Titel utan nätverk")
        assert_swedish_problem(app.last(), "Förbindelsen med databasservern", "bröts", NOT_SAVED,
                               "ansluter på nytt av sig självt")
        assert app.window.isVisible() and app.tab.form.title_edit.text() == "Titel utan nätverk"
        assert "Titel utan nätverk" not in [a.title for a in sv.agreements.list_rows(TODAY)]
        # the network is back: the same form saves, without restarting the program
        proxy = Proxy(url.host or "127.0.0.1", url.port or 5432, listen_port=proxy.port)
        app.edit_title_and_save("Titel utan nätverk")
        assert "Titel utan nätverk" in [a.title for a in sv.agreements.list_rows(TODAY)]
        app.controller.close()
        proxy.cut()
        assert make_url(via_proxy).password is None or make_url(via_proxy).password not in app.last()[2]
    finally:
        with contextlib.suppress(StopIteration):
            next(databases)


# ---- at start: a damaged file, with a verified backup ------------------------------------------
@pytest.mark.parametrize("answer", [False, True], ids=["no", "yes"])
def test_damaged_file_at_start_offers_the_backup_with_its_time(qtbot, qapp, dbfile: Path, answer: bool) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from samverkan_desktop.db.backups import auto_backup
    from samverkan_desktop.db.open import open_database
    from samverkan_desktop.paths import backup_dir

    db = open_database(dbfile, backup_dir=backup_dir())
    auto_backup(db, backup_dir(), now=datetime(2026, 11, 27, 16, 45), force=True)
    db.dispose()
    data = bytearray(dbfile.read_bytes())
    data[:100] = bytes(100)
    dbfile.write_bytes(bytes(data))
    messenger = RecordingMessenger(answer=answer)
    controller = Controller(qapp, TODAY, messenger)
    qtbot.addWidget(controller.window)
    controller.window.show()
    assert controller.open(str(dbfile)) is answer
    kind, title, text = messenger.shown[0]
    assert (kind, title) == ("confirm", "Databasen kunde inte öppnas")
    assert "är skadad: filens huvud är nollställt" in text
    assert "Återställa säkerhetskopian från 27 november 2026 kl. 16.45 nu?" in text
    assert "”samverkan.sqlite.damaged”" in text
    aside = dbfile.with_name("samverkan.sqlite.damaged")
    if not answer:
        assert dbfile.read_bytes() == bytes(data) and not aside.exists(), "nothing is touched without a yes"
        assert not controller.window.is_attached()
        assert controller.window.tabs.widget(0).text().startswith("Ingen databas är öppen.")
        return
    wait_tasks(qtbot, controller.window)
    assert aside.read_bytes() == bytes(data), "the damaged file is kept, byte for byte"
    kind, title, text = messenger.shown[-1]
    assert (kind, title) == ("info", "Återställ")
    assert text == ("Säkerhetskopian från 27 november 2026 kl. 16.45 är återställd och öppnad. Den skadade filen "
                    "finns kvar som ”samverkan.sqlite.damaged” i samma mapp.")
    controller.window.tabs.setCurrentWidget(controller.window.agreements)
    qtbot.waitUntil(lambda: controller.window.agreements.model.rowCount() == 3)
    controller.close()
