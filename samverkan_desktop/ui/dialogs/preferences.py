"""Arkiv → Inställningar…: language, radar window, organisation name and logo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from ...settings import Preferences


class PreferencesDialog(QDialog):
    accepted_prefs = Signal(object)

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _ok(self) -> None:
        self.accepted_prefs.emit(replace(self._prefs, language=self.language.currentData(),
                                         radar_days=self.days.value(), organisation_name=self.org.text().strip(),
                                         logo_path=self.logo.text().strip()))
        self.accept()
