"""Message boxes behind one small seam, so tests can answer them (and nothing blocks a test)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Messenger:
    """Default implementation: Qt message boxes. Tests replace it with a recording stub."""

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


class RecordingMessenger(Messenger):
    """For tests: records every message and answers confirmations with `answer`."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.shown: list[tuple[str, str, str]] = []

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("warning", title, text))

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        self.shown.append(("error", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.answer

    def texts(self) -> list[str]:
        return [t for _, _, t in self.shown]
