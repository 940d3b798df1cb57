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
