"""The layering is a test: headless layers never import Qt or the UI package."""

from __future__ import annotations

import ast
from pathlib import Path

import samverkan_desktop

PKG = Path(samverkan_desktop.__file__).parent
HEADLESS = ["domain", "models", "db", "services", "exporters"]
HEADLESS_MODULES = ["cli.py", "paths.py", "logging_setup.py", "__main__.py", "app.py"]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                # resolve relative import against the file's package
                rel = path.relative_to(PKG.parent).with_suffix("").parts[:-node.level]
                mod = ".".join(rel + ((mod,) if mod else ()))
            names.append(mod)
    return names


def _files() -> list[Path]:
    files = [p for layer in HEADLESS for p in (PKG / layer).rglob("*.py")]
    return files + [PKG / m for m in HEADLESS_MODULES if (PKG / m).exists()]


def test_headless_layers_never_import_qt_or_ui() -> None:
    offenders = []
    for f in _files():
        for name in _imports(f):
            if name.startswith("PySide6") or name.startswith("samverkan_desktop.ui"):
                # app.py is the composition root: it may reach the UI lazily inside run_gui
                if f.name == "app.py" and name.startswith("samverkan_desktop.ui"):
                    continue
                offenders.append(f"{f.relative_to(PKG)} imports {name}")
    assert offenders == []


def test_domain_imports_nothing_but_stdlib_and_itself() -> None:
    allowed_roots = {"samverkan_desktop", "__future__", "dataclasses", "datetime", "enum", "typing", "collections",
                     "decimal", "fractions", "re", "math", "functools", "itertools", "unicodedata", "calendar"}
    offenders = []
    for f in (PKG / "domain").rglob("*.py"):
        for name in _imports(f):
            root = name.split(".")[0]
            if root and root not in allowed_roots:
                offenders.append(f"{f.name}: {name}")
    assert offenders == []


def test_the_check_finds_a_violation(tmp_path: Path) -> None:
    """The walker itself works: a file importing PySide6 is seen."""
    bad = PKG / "domain" / "_layering_probe.py"
    bad.write_text("from PySide6 import QtCore\n", encoding="utf-8")
    try:
        assert any("PySide6" in n for n in _imports(bad))
    finally:
        bad.unlink()
