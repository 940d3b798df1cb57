"""Arkiv → Inställningar…: language, radar window, organisation name and logo, and how many
automatic backups are kept (db.backups.BackupPolicy: daily, weekly, monthly)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...settings import BACKUP_MAX, Preferences


class PreferencesDialog(QDialog):
    accepted_prefs = Signal(object)
    backup_daily: QSpinBox
    backup_weekly: QSpinBox
    backup_monthly: QSpinBox

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(460)
        self._prefs = prefs
        form = QFormLayout(self)
        self.language = QComboBox()
        self.language.addItem("Svenska", "sv")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if prefs.language == "sv" else 1)
        self.language.setAccessibleName(self.tr("Language"))
        form.addRow(self.tr("Language"), self.language)
        self.days = QSpinBox()
        self.days.setRange(7, 730)
        self.days.setValue(prefs.radar_days)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Deadline radar"))
        form.addRow(self.tr("Deadline radar"), self.days)
        self.org = QLineEdit(prefs.organisation_name)
        self.org.setAccessibleName(self.tr("Organisation in documents"))
        form.addRow(self.tr("Organisation in documents"), self.org)
        self.logo = QLineEdit(prefs.logo_path)
        self.logo.setAccessibleName(self.tr("Logo (PNG) in documents"))
        form.addRow(self.tr("Logo (PNG) in documents"), self.logo)

        backups = QGroupBox(self.tr("Automatic backups"))
        backups.setObjectName("backupRetention")
        bform = QFormLayout(backups)
        hint = QLabel(self.tr("A verified copy is taken when the program starts and closes. Of the older copies, "
                              "the newest of each day, week and month is kept:"))
        hint.setWordWrap(True)
        bform.addRow(hint)
        for attr, low, value, suffix, label in (
                ("backup_daily", 1, prefs.backup_daily, self.tr(" days"), self.tr("Daily copies")),
                ("backup_weekly", 0, prefs.backup_weekly, self.tr(" weeks"), self.tr("Weekly copies")),
                ("backup_monthly", 0, prefs.backup_monthly, self.tr(" months"), self.tr("Monthly copies"))):
            box = QSpinBox()
            box.setObjectName(attr)
            box.setRange(low, BACKUP_MAX)
            box.setValue(value)
            box.setSuffix(suffix)
            box.setAccessibleName(label)
            setattr(self, attr, box)
            bform.addRow(label, box)
        form.addRow(backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _ok(self) -> None:
        self.accepted_prefs.emit(replace(self._prefs, language=self.language.currentData(),
                                         radar_days=self.days.value(), organisation_name=self.org.text().strip(),
                                         logo_path=self.logo.text().strip(),
                                         backup_daily=self.backup_daily.value(),
                                         backup_weekly=self.backup_weekly.value(),
                                         backup_monthly=self.backup_monthly.value()))
        self.accept()
