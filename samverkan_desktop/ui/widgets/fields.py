"""Editors for money, dates, org nr and hours, and a form helper that shows each field's
error in Swedish right beside it. Parsing is the domain's; these widgets only present it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain import hours, money, orgnr
from ...domain.dates import parse_date
from ...domain.errors import DomainError
from ...services.errors import ValidationError

T = TypeVar("T")


class _FieldEdit(QLineEdit):
    """A line edit that knows its Swedish field label (used in error messages)."""

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setAccessibleName(field)


class MoneyEdit(_FieldEdit):
    """Accepts `75000`, `75 000`, `75 000,50 kr`; shows `75 000 kr` after editing."""

    def __init__(self, field: str, parent: QWidget | None = None, required: bool = False) -> None:
        super().__init__(field, parent)
        self.required = required
        self.setPlaceholderText("0 kr")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editingFinished.connect(self._reformat)

    def value(self) -> int:
        text = self.text().strip()
        if not text and not self.required:
            return 0
        return money.parse_money(text, self.field)

    def set_value(self, ore: int | None) -> None:
        self.setText("" if ore is None else money.format_money(ore))

    def _reformat(self) -> None:
        try:
            if self.text().strip():
                self.set_value(self.value())
        except DomainError:
            pass


class DateEdit(_FieldEdit):
    """ISO dates (`2024-02-01`, also `20240201`); empty allowed unless required."""

    def __init__(self, field: str, parent: QWidget | None = None, required: bool = False) -> None:
        super().__init__(field, parent)
        self.required = required
        self.setPlaceholderText("ÅÅÅÅ-MM-DD")
        self.setMaxLength(10)

    def value(self) -> date | None:
        text = self.text().strip()
        if not text:
            if self.required:
                raise DomainError(self.field, "måste fyllas i")
            return None
        return parse_date(text, self.field)

    def set_value(self, d: date | None) -> None:
        self.setText(d.isoformat() if d else "")


class OrgNrEdit(_FieldEdit):
    def __init__(self, field: str = "Organisationsnummer", parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.setPlaceholderText("NNNNNN-NNNN")

    def value(self) -> str | None:
        text = self.text().strip()
        return orgnr.normalize_orgnr(text) if text else None


class HoursEdit(_FieldEdit):
    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.setPlaceholderText("0 h")

    def value(self) -> int:
        text = self.text().strip()
        return hours.parse_hours(text, self.field) if text else 0

    def set_value(self, minutes: int) -> None:
        self.setText(hours.format_hours(minutes) if minutes else "")


class IntEdit(_FieldEdit):
    def __init__(self, field: str, parent: QWidget | None = None, minimum: int = 0, maximum: int = 10_000) -> None:
        super().__init__(field, parent)
        self.minimum, self.maximum = minimum, maximum
        self.setMaxLength(6)

    def value(self) -> int:
        text = self.text().strip() or "0"
        if not text.lstrip("-").isdigit():
            raise DomainError(self.field, f"'{text}' är inget heltal")
        n = int(text)
        if not self.minimum <= n <= self.maximum:
            raise DomainError(self.field, f"måste vara mellan {self.minimum} och {self.maximum}")
        return n

    def set_value(self, n: int | None) -> None:
        self.setText("" if n is None else str(n))


class FormErrors(QObject):
    """Collects typed values from a form; each error appears in red under its field.
    Nothing is saved while an error remains. A QObject, not a widget: it is never drawn."""

    changed = Signal()

    def __init__(self, form: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def add_row(self, label: str, widget: QWidget, field: str | None = None) -> QWidget:
        """Add `label: widget` with an (initially hidden) error label under the widget."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        err = QLabel()
        err.setObjectName("fieldError")
        err.setStyleSheet("color: #b00020;")
        err.setWordWrap(True)
        err.hide()
        lay.addWidget(err)
        key = field or getattr(widget, "field", label)
        self._labels[key] = err
        self._widgets[key] = widget
        if not widget.accessibleName():
            widget.setAccessibleName(label)
        self.form.addRow(label, box)
        return widget

    def clear(self) -> None:
        for lab in self._labels.values():
            lab.clear()
            lab.hide()

    def show_error(self, field: str, message: str) -> bool:
        """Show `message` under the field it names; False if no such field is on the form."""
        key = next((k for k in self._labels if field == k or field.startswith(k) or k.startswith(field)), None)
        if key is None:
            return False
        self._labels[key].setText(message)
        self._labels[key].show()
        w = self._widgets[key]
        w.setFocus()
        return True

    def errors(self) -> dict[str, str]:
        return {k: lab.text() for k, lab in self._labels.items() if lab.text()}

    def collect(self, build: Callable[[], T], on_unplaced: Callable[[str], None] | None = None) -> T | None:
        """Run `build()`; on a DomainError/ValidationError show it beside its field, return None."""
        self.clear()
        try:
            return build()
        except (DomainError, ValidationError) as exc:
            msg = getattr(exc, "message", str(exc))
            if not self.show_error(exc.field, msg) and on_unplaced:
                on_unplaced(msg)
            return None


def combo_value(combo: Any) -> Any:
    """The item data of a QComboBox's current entry (None for the empty choice)."""
    return combo.currentData()
