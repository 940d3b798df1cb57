"""packaging/: the spec's inputs, the version resource, the icon, the Inno Setup script and
build.py's own logic. The real freeze-and-smoke run is packaging/build.py (CI: PACKAGING=1)."""

from __future__ import annotations

import ast
import importlib.util
import io
import re
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path, PureWindowsPath
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def meta_mod() -> ModuleType:
    return _load("project_meta")


# ---- name and version ----------------------------------------------------------------------


def test_version_has_one_source(meta_mod: ModuleType) -> None:
    import samverkan_desktop

    meta = meta_mod.read_meta()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta.version == pyproject["version"] == samverkan_desktop.__version__
    assert meta.dist_name == "samverkan-desktop"


@pytest.mark.parametrize(("version", "expected"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.3.4rc1", (2, 3, 4, 0)),
    ("1.0.0+build.5", (1, 0, 0, 0)), ("10.20.30.40", (10, 20, 30, 0)),
])
def test_windows_version_numbers(meta_mod: ModuleType, version: str, expected: tuple[int, ...]) -> None:
    assert meta_mod.Meta("x", version, "", "P").version_tuple == expected


def test_version_resource_is_valid_and_filled(meta_mod: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMVERKAN_PUBLISHER", "Exempels kommun – Kommunledningskontoret")
    meta = meta_mod.read_meta()
    for exe in (meta_mod.GUI_EXE, meta_mod.CLI_EXE):
        text = meta_mod.render_version_info(meta, exe)
        tree = ast.parse(text, mode="eval")  # PyInstaller evaluates this text as Python
        strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        assert {"Exempels kommun – Kommunledningskontoret", "Samverkan Desktop", meta.version,
                f"{exe}.exe"} <= strings
        assert f"filevers=({', '.join(map(str, meta.version_tuple))})" in text
        assert "$" not in text


def test_publisher_with_quote_is_escaped(meta_mod: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMVERKAN_PUBLISHER", "O'Brien's \\ kommun")
    text = meta_mod.render_version_info(meta_mod.read_meta(), meta_mod.GUI_EXE)
    strings = {n.value for n in ast.walk(ast.parse(text, mode="eval")) if isinstance(n, ast.Constant)}
    assert "O'Brien's \\ kommun" in strings


# ---- what goes into the bundle ------------------------------------------------------------


def test_every_resource_is_bundled_or_deliberately_left_out(meta_mod: ModuleType) -> None:
    bundled = {src.relative_to(ROOT).as_posix() for src, _ in meta_mod.data_files()}
    for p in sorted((ROOT / "resources").rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(ROOT).as_posix()
        if any(fnmatch(rel, pat) for pat in meta_mod.NOT_BUNDLED):
            assert rel not in bundled
            continue
        assert rel in bundled, f"{rel} is not in project_meta.DATA_FILES (the frozen program would lack it)"


def test_alembic_scripts_are_bundled_where_migrate_looks(meta_mod: ModuleType) -> None:
    from samverkan_desktop.db import migrate

    dest = {f"{d}/{src.name}" for src, d in meta_mod.data_files()}
    rel = migrate.MIGRATIONS_DIR.relative_to(ROOT).as_posix()
    assert f"{rel}/env.py" in dest
    for rev in sorted((migrate.MIGRATIONS_DIR / "versions").glob("*.py")):
        assert f"{rel}/versions/{rev.name}" in dest


def test_bundle_places_match_resource_dir(meta_mod: ModuleType) -> None:
    """resource_dir() is <bundle>/resources when frozen: destinations must start with resources/."""
    for src, dest in meta_mod.data_files():
        rel = src.relative_to(ROOT)
        assert Path(dest) == rel.parent, (src, dest)


def test_spec_is_python_and_excludes_what_we_do_not_use() -> None:
    text = (PACKAGING / "samverkan.spec").read_text(encoding="utf-8")
    ast.parse(text)
    for mod in ("PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "tkinter", "pytest"):
        assert f'"{mod}"' in text
    assert "project_meta.data_files()" in text
    assert 'collect_submodules("samverkan_desktop")' in text  # cli.COMMANDS imports by name
    assert text.count("upx=False") == 2
    assert "console=False" in text and "console=True" in text


def test_cli_commands_modules_exist() -> None:
    """The spec relies on collect_submodules for cli.COMMANDS; the names must be real modules."""
    from samverkan_desktop.cli import COMMANDS

    for module, _func in COMMANDS.values():
        assert importlib.util.find_spec(module) is not None, module


# ---- icon ----------------------------------------------------------------------------------


def test_icon_files_have_every_size() -> None:
    from PIL import Image

    icons = ROOT / "resources" / "icons"
    make_icon = _load("make_icon")
    with Image.open(icons / "samverkan.ico") as ico:
        assert {(s, s) for s in make_icon.ICO_SIZES} <= set(ico.info["sizes"])
    for px in make_icon.PNG_SIZES:
        with Image.open(icons / f"samverkan-{px}.png") as im:
            assert im.size == (px, px) and im.mode == "RGBA"
            assert im.getpixel((0, 0))[3] == 0  # transparent corner
            assert im.getbbox() is not None  # something is drawn


def test_make_icon_draws_the_committed_icon() -> None:
    """Regenerating gives the same picture (pixel difference small, whatever Pillow's version)."""
    from PIL import Image, ImageChops

    make_icon = _load("make_icon")
    fresh = make_icon.draw(48)
    with Image.open(ROOT / "resources" / "icons" / "samverkan-48.png") as committed:
        diff = ImageChops.difference(fresh, committed.convert("RGBA"))
    assert max(band_max for _, band_max in diff.getextrema()) <= 8


# ---- Inno Setup script ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def iss() -> str:
    raw = (PACKAGING / "samverkan.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads UTF-8 only with a byte-order mark"
    return raw.decode("utf-8-sig")


def _setup(iss: str, key: str) -> str:
    m = re.search(rf"^{key}=(.*)$", iss, re.MULTILINE)
    assert m, key
    return m.group(1).strip()


def test_installer_is_per_user_without_admin(iss: str, meta_mod: ModuleType) -> None:
    assert _setup(iss, "PrivilegesRequired") == "lowest"
    assert _setup(iss, "PrivilegesRequiredOverridesAllowed") == "commandline"  # /CURRENTUSER, /ALLUSERS
    assert _setup(iss, "DefaultDirName") == r"{autopf}\{#AppName}"  # %LOCALAPPDATA%\Programs per user
    assert _setup(iss, "AppId") == meta_mod.APP_ID
    assert _setup(iss, "ChangesAssociations") == "no" and _setup(iss, "ChangesEnvironment") == "no"


def test_installer_touches_nothing_outside_its_folder(iss: str) -> None:
    sections = set(re.findall(r"^\[(\w+)\]", iss, re.MULTILINE))
    assert "Registry" not in sections  # no file associations, no Run keys
    assert "UninstallDelete" not in sections  # the data folder is left alone
    for line in iss.splitlines():
        if line.startswith(("Type:", "Name:", "Source:")) and not line.startswith("Name: \""):
            assert "{localappdata}" not in line.lower() and "{userappdata}" not in line.lower(), line
    assert re.search(r'^Type: filesandordirs; Name: "\{app\}\\_internal"$', iss, re.MULTILINE)


def test_installer_has_start_menu_optional_desktop_icon_and_languages(iss: str) -> None:
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', iss, re.MULTILINE)
    assert re.search(r'^Name: "desktopicon";.*Flags: unchecked$', iss, re.MULTILINE)
    assert re.search(r'^Name: "\{autodesktop\}.*Tasks: desktopicon$', iss, re.MULTILINE)
    assert 'Name: "sv"; MessagesFile: "compiler:Languages\\Swedish.isl"' in iss
    assert 'Name: "en"; MessagesFile: "compiler:Default.isl"' in iss
    assert '#define AppExe "samverkan-desktop.exe"' in iss
    icon = PureWindowsPath(_setup(iss, "SetupIconFile"))  # relative to the .iss file
    assert PACKAGING.joinpath(*icon.parts).resolve() == ROOT / "resources" / "icons" / "samverkan.ico"


# ---- build.py ------------------------------------------------------------------------------


def test_build_script_help() -> None:
    out = subprocess.run([sys.executable, str(PACKAGING / "build.py"), "--help"], capture_output=True,
                         text=True, encoding="utf-8", timeout=60, check=True).stdout
    assert "--skip-build" in out and "smoke" in out.lower()


def test_installer_step_skips_cleanly_without_iscc(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    build = _load("build")
    monkeypatch.setattr(build, "find_iscc", lambda: None)
    report: dict[str, object] = {}
    build.build_installer(report)
    assert report["installer"] is None
    assert "installer: SKIPPED" in capsys.readouterr().out


def test_iscc_command_passes_version_and_folders(meta_mod: ModuleType) -> None:
    build = _load("build")
    meta = meta_mod.read_meta()
    cmd = build.iscc_command(Path("ISCC.exe"), meta)
    assert f"/DAppVersion={meta.version}" in cmd
    assert f"/DAppVersionNumeric={'.'.join(map(str, meta.version_tuple))}" in cmd
    assert any(a.startswith("/DSourceDir=") and a.endswith("samverkan-desktop") for a in cmd)
    assert cmd[-1].endswith("samverkan.iss")


def test_frozen_entry_survives_a_windowed_start_without_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _load("samverkan_main")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    entry._ensure_streams()
    try:
        assert isinstance(sys.stdout, io.TextIOBase) and isinstance(sys.stderr, io.TextIOBase)
        print("ingen konsol", file=sys.stdout)
        print("ingen konsol", file=sys.stderr)
    finally:
        sys.stdout.close()
        sys.stderr.close()


def test_build_flags_unconditional_imports_pyinstaller_could_not_bundle() -> None:
    build = _load("build")
    warn = "\n".join([
        "missing module named msvcrt - imported by subprocess (optional), samverkan_desktop.db.lock "
        "(delayed, conditional, optional)",
        "excluded module named PySide6.QtNetwork - imported by PySide6.QtPdf (top-level)",
        "missing module named reportlab.foo - imported by samverkan_desktop.exporters.pdf_base (delayed)",
        "missing module named pysqlite2 - imported by sqlalchemy.dialects.sqlite.pysqlite (delayed, conditional)",
    ])
    assert build.missing_imports(warn) == [
        "excluded module PySide6.QtNetwork, imported by PySide6.QtPdf (top-level)",
        "missing module reportlab.foo, imported by samverkan_desktop.exporters.pdf_base (delayed)",
    ]
