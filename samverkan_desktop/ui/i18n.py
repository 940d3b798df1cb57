"""Qt Linguist translations: our own (`resources/translations/<area>_sv.qm`, source text in
English; see scripts/translations.py) and Qt's own Swedish strings for standard dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..paths import resource_dir

_installed: list[QTranslator] = []


def translations_dir() -> str:
    return str(resource_dir() / "translations")


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Install Swedish translators unless `language` is "en". True when ours loaded."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return False
    locale = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    QLocale.setDefault(locale)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ok = False
    for qm in sorted((resource_dir() / "translations").glob("*_sv.qm")):
        ours = QTranslator(app)
        if ours.load(str(qm)):
            app.installTranslator(ours)
            _installed.append(ours)
            ok = True
    return ok
