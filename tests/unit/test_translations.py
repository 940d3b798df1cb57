"""Every visible string has a Swedish translation with the same placeholders, and the .ts
sources are up to date with the code (pyside6-lupdate finds nothing new)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_FILES = sorted((ROOT / "resources" / "translations").glob("*_sv.ts"))
PLACEHOLDER = re.compile(r"%(?:\d+|n|L\d+)|\{[a-z_]*\}")


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", m.findtext("source") or "", m)
            for ctx in root.iter("context") for m in ctx.iter("message")]


def test_there_are_translation_files() -> None:
    assert {p.name for p in TS_FILES} >= {"core_sv.ts"}
    for ts in TS_FILES:
        assert ts.with_suffix(".qm").exists(), f"{ts.name} is not compiled (run scripts/translations.py)"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_string_is_translated_with_the_same_placeholders(ts: Path) -> None:
    problems = []
    for ctx, source, m in _messages(ts):
        tr = m.find("translation")
        assert tr is not None
        forms = [f.text or "" for f in tr.findall("numerusform")] if m.get("numerus") == "yes" else [tr.text or ""]
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not all(f.strip() for f in forms):
            problems.append(f"{ctx}: {source!r} has no Swedish translation")
            continue
        want = sorted(set(PLACEHOLDER.findall(source)))
        for f in forms:
            if sorted(set(PLACEHOLDER.findall(f))) != want:
                problems.append(f"{ctx}: {source!r} → {f!r}: placeholders differ")
    assert problems == []


def test_sources_are_up_to_date() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_swedish_is_loaded_in_the_app(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from samverkan_desktop.ui.i18n import install_translators

    assert install_translators(qapp, "sv")
    assert QCoreApplication.translate("MainWindow", "Overview") == "Översikt"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"  # qtbase_sv for standard buttons
