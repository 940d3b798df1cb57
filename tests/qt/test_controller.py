"""Opening a database from the window: a second instance on the same file is refused with a
message, and a verified automatic backup is taken once the window shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from samverkan_desktop.ui.application import Controller
from samverkan_desktop.ui.messages import RecordingMessenger

from .conftest import TODAY, wait_tasks


def test_second_instance_is_refused_and_backup_is_taken(qtbot, qapp: QApplication, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        _isolated_data_dir: Path) -> None:
    db = tmp_path / "Mina filer" / "samverkan åäö.sqlite"
    first = Controller(qapp, TODAY, RecordingMessenger())
    qtbot.addWidget(first.window)
    assert first.open(str(db))
    wait_tasks(qtbot, first.window)
    backups = list((_isolated_data_dir / "backups").rglob("*.sqlite"))
    assert len(backups) == 1
    m2 = RecordingMessenger()
    second = Controller(qapp, TODAY, m2)
    qtbot.addWidget(second.window)
    assert not second.open(str(db))
    kind, title, text = m2.shown[-1]
    assert kind == "error" and title == "Databasen kunde inte öppnas"
    assert "samverkan åäö.sqlite" in text
    first.close()
    assert second.open(str(db))
    second.close()


def test_a_database_that_cannot_be_opened_leaves_the_window_without_one(  # type: ignore[no-untyped-def]
        qtbot, qapp: QApplication, tmp_path: Path, _isolated_data_dir: Path) -> None:
    from samverkan_desktop.paths import default_database_path

    broken = tmp_path / "samverkan.sqlite"
    broken.write_text("inte en databas", encoding="utf-8")
    messenger = RecordingMessenger(answer=False)
    c = Controller(qapp, TODAY, messenger)
    qtbot.addWidget(c.window)
    assert not c.open_at_start(str(broken))
    kind, title, text = messenger.shown[-1]
    assert kind in ("error", "confirm") and title == "Databasen kunde inte öppnas" and "ingen databasfil" in text
    # nothing else was opened or created in its place, and the window says what to do
    assert not c.window.is_attached()
    assert not default_database_path().exists()
    texts = [c.window.tabs.widget(i).text() for i in range(c.window.tabs.count())]
    assert texts and all(t.startswith("Ingen databas är öppen") for t in texts)
    assert broken.read_text(encoding="utf-8") == "inte en databas"


def test_only_the_first_tab_module_is_imported_before_its_data_shows(tmp_path: Path) -> None:
    """Opening the database imports the first tab's module with the services (on the worker);
    the other tabs' modules are imported off the GUI thread once its data has loaded. In a
    fresh process, as at start-up (this test session has imported everything already)."""
    import os
    import subprocess
    import sys

    code = f"""
import sys
from datetime import date
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from samverkan_desktop.ui.application import Controller
from samverkan_desktop.ui.messages import RecordingMessenger
app = QApplication([])
c = Controller(app, date(2026, 11, 28), RecordingMessenger())
c.show()
assert c.open({str(tmp_path / 'db.sqlite')!r})
tabs = lambda: sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('samverkan_desktop.ui.tabs.') and m[-4:] != 'base')
print(tabs())
c.window.load_first_tab()
for _ in range(100):
    QTest.qWait(100)
    if len(tabs()) == 5:
        break
print(tabs())
c.close()
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SAMVERKAN_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    before, after = out.stdout.strip().splitlines()[-2:]
    assert before == "['overview']"
    assert after == "['agreements', 'budget', 'meetings', 'overview', 'portfolio']"
