"""What a Windows user will do to the program's paths: folders and file names with å, ä, ö and
spaces (OneDrive's "Mina filer", "Dokument - Exempels kommun"), for the database, the exports
and the attachments; and the data folder built with pathlib in the right place."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import shutil
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from samverkan_desktop import paths
from samverkan_desktop.cli import main
from samverkan_desktop.db.open import open_database
from samverkan_desktop.services import Services

TODAY = "2026-11-28"
TODAY_DATE = date(2026, 11, 28)
AWKWARD = "Mina filer – Åsa Öberg/Ärenden 2026 (kopia)"  # spaces, åäö, dash, parentheses


def _awkward_dir(tmp_path: Path) -> Path:
    d = tmp_path.joinpath(*AWKWARD.split("/"))
    d.mkdir(parents=True)
    return d


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ---- the database --------------------------------------------------------------------------


def test_database_file_with_swedish_letters_and_spaces(tmp_path: Path, demo_template: Path) -> None:
    folder = _awkward_dir(tmp_path)
    # A new database is created (and migrated) there ...
    fresh = folder / "Ny databas åäö ÅÄÖ.sqlite"
    db = open_database(fresh, backup_dir=folder / "Säkerhetskopior")
    try:
        assert db.path is not None and db.path.name == fresh.name
        assert "Ny databas åäö ÅÄÖ.sqlite" in db.display_name()
        assert Services.build(db).agreements.list_rows(TODAY_DATE) == []
    finally:
        db.dispose()
    assert fresh.is_file()
    # ... and an existing one opens from there, given as a str as it comes back from preferences.json.
    existing = folder / "Samverkan åäö.sqlite"
    shutil.copyfile(demo_template, existing)
    again = open_database(str(existing), backup_dir=folder / "Säkerhetskopior")
    try:
        assert len(Services.build(again).agreements.list_rows(TODAY_DATE)) > 0
    finally:
        again.dispose()


def test_cli_database_backup_and_check_in_awkward_folder(tmp_path: Path, demo_template: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = _awkward_dir(tmp_path)
    db = folder / "Min databas å.sqlite"
    shutil.copyfile(demo_template, db)
    code, out, err = _cli(capsys, "--db", str(db), "check")
    assert code == 0 and "Integritetskontroll: ok" in out, err
    copy = folder / "Säkerhetskopia före ändring ö.sqlite"
    code, out, err = _cli(capsys, "--db", str(db), "backup", "--out", str(copy))
    assert code == 0 and copy.is_file(), err
    code, out, err = _cli(capsys, "--db", str(copy), "check")
    assert code == 0, err


def test_data_folder_override_with_swedish_letters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "Användardata Åsa" / "Samverkan Desktop"
    monkeypatch.setenv("SAMVERKAN_DATA_DIR", str(data))
    assert paths.default_database_path() == data / "samverkan.sqlite"
    code, _, err = _cli(capsys, "check")  # no --db: the default database, created on first use
    assert code == 0, err
    assert (data / "samverkan.sqlite").is_file()


# ---- exports -------------------------------------------------------------------------------


def _exporters_ready() -> str:
    for mod in ("samverkan_desktop.exporters.workbook_cli", "samverkan_desktop.exporters.documents_cli"):
        if importlib.util.find_spec(mod) is None:
            return f"{mod} does not exist yet"
        try:
            importlib.import_module(mod)
        except ImportError as exc:
            return f"{mod} does not import yet: {exc}"
    return ""


_NOT_READY = _exporters_ready()


@pytest.mark.skipif(bool(_NOT_READY), reason=_NOT_READY or "exporters present")
def test_exports_to_folders_and_names_with_swedish_letters(tmp_path: Path, demo_template: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = _awkward_dir(tmp_path)
    db = folder / "Demo åäö.sqlite"
    db.write_bytes(demo_template.read_bytes())
    common = ["--db", str(db), "--today", TODAY]

    xlsx = folder / "Portfölj – kommunstyrelsen 2026.xlsx"
    code, out, err = _cli(capsys, *common, "export", "portfolio", "--out", str(xlsx))
    assert code == 0, err
    with zipfile.ZipFile(xlsx) as z:
        assert "xl/workbook.xml" in z.namelist()
    assert str(xlsx) in out

    code, out, err = _cli(capsys, *common, "list", "activities", "--format", "json")
    granted = [a for a in json.loads(out) if str(a["stage"]).startswith("beviljad")]
    assert granted, "the demo data should hold a granted activity"
    pdf = folder / "Beslutsunderlag – Språkutveckling ö.pdf"
    code, out, err = _cli(capsys, *common, "export", "decision", "--activity", str(granted[0]["id"]),
                          "--out", str(pdf))
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF-")

    code, out, err = _cli(capsys, *common, "list", "meetings", "--format", "json")
    meeting = json.loads(out)[0]["id"]
    agenda = folder / "Kallelse möte ä.pdf"
    code, out, err = _cli(capsys, *common, "export", "agenda", "--meeting", str(meeting), "--out", str(agenda))
    assert code == 0 and agenda.read_bytes().startswith(b"%PDF-"), err

    ics = folder / "Kalender åäö.ics"
    code, out, err = _cli(capsys, *common, "export", "calendar", "--out", str(ics))
    assert code == 0 and ics.read_bytes().startswith(b"BEGIN:VCALENDAR"), err
    # No temporary files left beside the exports.
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []


# ---- attachments ---------------------------------------------------------------------------


def test_attachment_with_swedish_letters_and_spaces(tmp_path: Path, demo_sv: Services) -> None:
    folder = _awkward_dir(tmp_path)
    agreement_id = demo_sv.agreements.list_rows(TODAY_DATE)[0].id
    file = folder / "Avtal ÅÄÖ undertecknat 2026-03-01.pdf"
    file.write_bytes("%PDF-1.4\n% bilaga med åäö i namnet\n".encode())
    att_id = demo_sv.agreements.add_attachment(agreement_id, file)
    detail = demo_sv.agreements.get(agreement_id)
    [row] = [a for a in detail.attachments if a.id == att_id]
    assert Path(row.path) == file and Path(row.path).is_file()
    assert row.title == file.name
    assert row.sha256 == hashlib.sha256(file.read_bytes()).hexdigest()


# ---- the data folder -----------------------------------------------------------------------


def test_data_paths_are_pathlib_and_under_one_folder() -> None:
    for fn in (paths.data_dir, paths.default_database_path, paths.backup_dir, paths.resource_dir):
        assert isinstance(fn(), Path), fn.__name__
    assert paths.default_database_path().parent == paths.data_dir()
    assert paths.backup_dir().parent == paths.data_dir()


def test_windows_data_folder_is_local_appdata_not_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """%LOCALAPPDATA%: local and non-roaming, never the OneDrive-redirected Documents."""
    monkeypatch.delenv("SAMVERKAN_DATA_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    local = str(Path("C:") / "Users" / "Åsa Öberg" / "AppData" / "Local")
    monkeypatch.setenv("LOCALAPPDATA", local)
    assert paths.data_dir() == Path(local) / "Samverkan Desktop"
    assert "OneDrive" not in str(paths.data_dir()) and "Documents" not in str(paths.data_dir())
    monkeypatch.delenv("LOCALAPPDATA")
    assert paths.data_dir() == Path.home() / "AppData" / "Local" / "Samverkan Desktop"


def test_frozen_resource_dir_is_inside_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "Samverkan Desktop" / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.resource_dir() == bundle / "resources"
