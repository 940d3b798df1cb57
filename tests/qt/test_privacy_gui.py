"""Arkiv → Personuppgifter (GDPR): pick a person, export everything about them to a JSON file,
pseudonymise with a mandatory reason after a confirmation that names the consequences. Also
Arkiv → Inställningar: the backup counts reach the policy of the automatic backups."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget

from samverkan_desktop.db.backups import BackupPolicy
from samverkan_desktop.services.privacy import pseudonym_for
from samverkan_desktop.settings import load_preferences
from samverkan_desktop.ui.application import Controller
from samverkan_desktop.ui.dialogs.preferences import PreferencesDialog
from samverkan_desktop.ui.dialogs.privacy_dialog import PrivacyDialog
from samverkan_desktop.ui.main_window import MainWindow
from samverkan_desktop.ui.messages import RecordingMessenger

from .conftest import TODAY, wait_tasks


def click(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def open_dialog(qtbot, window: MainWindow) -> PrivacyDialog:  # type: ignore[no-untyped-def]
    action = window.extra_actions["personalData"]
    assert action.text() == "Personuppgifter (GDPR)…"
    assert action in window.menuBar().actions()[0].menu().actions()  # under Arkiv
    action.trigger()
    dlg = window.findChild(PrivacyDialog)
    assert dlg is not None and dlg.isVisible() and dlg.windowTitle() == "Personuppgifter"
    wait_tasks(qtbot, window)
    return dlg


def names(dlg: PrivacyDialog) -> list[str]:
    m = dlg.view.model()
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def pick(qtbot, dlg: PrivacyDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dlg.filter, name.split()[0])
    row = names(dlg).index(name)
    idx = dlg.view.model().index(row, 0)
    qtbot.mouseClick(dlg.view.viewport(), Qt.MouseButton.LeftButton, pos=dlg.view.visualRect(idx).center())
    assert dlg.name.text() == name


def field_error(widget: QWidget) -> str:
    labels = [lab for lab in widget.parentWidget().findChildren(QLabel, "fieldError") if lab.isVisible()]
    return labels[0].text() if labels else ""


def test_export_a_person_to_a_json_file(qtbot, qtmodeltester, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dlg = open_dialog(qtbot, window)
    qtmodeltester.check(dlg.model)
    total = dlg.view.model().rowCount()
    assert dlg.count.text() == f"{total} personer"
    assert not dlg.export_button.isEnabled()  # nobody chosen yet
    assert dlg.name.text() == "Välj en person i listan."
    pick(qtbot, dlg, "Maria Ek")
    assert dlg.count.text() == f"1 av {total} visas"
    assert "Enköpings kommun" in dlg.details.text() and "Roller, ansvar och närvaroposter: " in dlg.details.text()

    click(qtbot, dlg.export_button)
    chooser = dlg.file_dialog
    assert chooser is not None and chooser.isVisible()
    assert chooser.selectedFiles()[0].endswith("personuppgifter-Maria-Ek.json")
    target = tmp_path / "utdrag maria.json"
    chooser.fileSelected.emit(str(target))  # the user chose a file and pressed Spara
    wait_tasks(qtbot, window)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["person"]["name"] == "Maria Ek"
    assert data["roller_i_avtal"] and data["ändringslogg"]
    assert not list(tmp_path.glob("*.tmp"))
    assert str(target) in dlg.result.text()
    assert window.ctx.prefs.last_export_dir == str(tmp_path)


def test_pseudonymise_needs_a_reason_and_a_confirmation(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                        messenger: RecordingMessenger) -> None:
    sv = window.ctx.services
    sv.db.user = "anna"
    maria = next(p for p in sv.people.people() if p.name == "Maria Ek")
    dlg = open_dialog(qtbot, window)
    pick(qtbot, dlg, "Maria Ek")

    click(qtbot, dlg.pseudonymise_button)  # no reason: refused beside the field, nothing asked
    assert field_error(dlg.reason) == "Skäl: måste fyllas i"
    assert messenger.shown == []

    messenger.answer = False  # "Nej" in the confirmation: nothing changes
    qtbot.keyClicks(dlg.reason, "Begaran enligt art. 17, dnr KS 2026/9")
    click(qtbot, dlg.pseudonymise_button)
    kind, title, text = messenger.shown[-1]
    assert (kind, title) == ("confirm", "Pseudonymisera Maria Ek?")
    assert pseudonym_for(maria.id) in text and "allmänna handlingar" in text and "kan inte ångras" in text
    assert any(p.name == "Maria Ek" for p in sv.people.people())

    messenger.answer = True
    click(qtbot, dlg.pseudonymise_button)
    kind, title, text = messenger.shown[-1]
    assert (kind, title) == ("info", "Pseudonymiserad") and text.startswith("Personen har pseudonymiserats")
    assert not any(p.name == "Maria Ek" for p in sv.people.people())
    log = sv.privacy.export_person(maria.id)["ändringslogg"]
    assert any(r["händelse"] == "pseudonym" and r["efter"] == "Begaran enligt art. 17, dnr KS 2026/9"
               and r["användare"] == "anna" for r in log)
    wait_tasks(qtbot, window)
    assert dlg.name.text() == pseudonym_for(maria.id)  # the same person stays chosen, now pseudonymised
    assert "Redan pseudonymiserad." in dlg.details.text()
    assert not dlg.pseudonymise_button.isEnabled() and dlg.export_button.isEnabled()
    assert dlg.result.text() == text
    assert dlg.reason.toPlainText() == ""


def test_backup_counts_in_preferences_reach_the_automatic_backups(qtbot, qapp: QApplication, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch) -> None:
    controller = Controller(qapp, TODAY, RecordingMessenger())
    qtbot.addWidget(controller.window)
    assert controller.open(str(tmp_path / "a.sqlite"))
    wait_tasks(qtbot, controller.window)
    window = controller.window
    window.extra_actions["preferences"].trigger()
    dlg = window.findChild(PreferencesDialog)
    assert dlg is not None and dlg.isVisible()
    assert (dlg.backup_daily.value(), dlg.backup_weekly.value(), dlg.backup_monthly.value()) == (7, 4, 12)
    assert dlg.backup_daily.accessibleName() == "Dagliga kopior" and dlg.backup_daily.suffix() == " dagar"
    for box, value in ((dlg.backup_daily, "3"), (dlg.backup_weekly, "2"), (dlg.backup_monthly, "24")):
        box.setFocus()
        box.selectAll()
        qtbot.keyClicks(box, value)
    click(qtbot, dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert load_preferences().backup_daily == 3  # saved

    import samverkan_desktop.db.backups as backups

    used: list[BackupPolicy] = []
    monkeypatch.setattr(backups, "auto_backup", lambda db, base, policy, reason: used.append(policy))
    controller._auto_backup("test", background=False)
    assert used == [BackupPolicy(daily=3, weekly=2, monthly=24)]
    # opening another database keeps what the user chose
    assert controller.open(str(tmp_path / "b.sqlite"))
    wait_tasks(qtbot, window)
    assert BackupPolicy.from_preferences(controller.current_prefs()) == BackupPolicy(3, 2, 24)
    assert load_preferences().backup_monthly == 24
    controller.close()
