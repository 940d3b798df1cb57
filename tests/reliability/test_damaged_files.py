"""Damaged, locked and wrong files: each gives its specific error with a Swedish message, never a
traceback; the file is left exactly as it was (or, on request, moved aside as `.damaged`),
never deleted; where a verified backup exists it is offered, with its time."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from samverkan_desktop.db import backups, restore
from samverkan_desktop.db.backup import integrity_problems, logical_digest
from samverkan_desktop.db.database import Database
from samverkan_desktop.db.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseGoneError,
    DiskFullError,
    LockedDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    NotOurDatabaseError,
    ReadOnlyDatabaseError,
)
from samverkan_desktop.db.open import classify_error, open_database
from samverkan_desktop.domain.catalog import OrgKind
from samverkan_desktop.services import Services

ROOT = Path(__file__).resolve().parents[2]
HANDLED: list[str] = []  # fault kinds this module has shown to be handled (for the report)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def data_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    path = tmp_path_factory.mktemp("damaged") / "template.sqlite"
    shutil.copyfile(sqlite_template, path)
    db = Database(path)
    sv = Services.build(db)
    for i in range(30):
        sv.people.save_organisation(f"Organisation {i} åäö", OrgKind.OVRIG)
    db.dispose()
    return path


@pytest.fixture
def dbfile(tmp_path: Path, data_template: Path) -> Path:
    """A small database with a little data, in its own folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "samverkan.sqlite"
    shutil.copyfile(data_template, path)
    return path


def expect(exc_type: type[DatabaseError], path: Path, phrase: str, kind: str, **kw: Any) -> DatabaseError:
    """open_database must raise exactly this error, with this Swedish phrase, file untouched."""
    before = sha(path) if path.is_file() else None
    with pytest.raises(exc_type) as info:
        open_database(path, **kw)
    err = info.value
    assert type(err) is exc_type, f"{type(err).__name__}: {err}"
    assert phrase in str(err), str(err)
    assert "Traceback" not in str(err)
    if before is not None:
        assert path.is_file() and sha(path) == before, "the file must be left exactly as it was"
    HANDLED.append(kind)
    return err


# ---- damaged content -----------------------------------------------------------------------------

def test_truncated_file(dbfile: Path) -> None:
    data = dbfile.read_bytes()
    dbfile.write_bytes(data[: len(data) // 2])  # page-aligned cut
    expect(DamagedDatabaseError, dbfile, "avkortad", "avkortad fil (hela sidor)")
    dbfile.write_bytes(data[: len(data) // 2 + 1000])  # cut inside a page
    expect(DamagedDatabaseError, dbfile, "avkortad", "avkortad fil (mitt i en sida)")


def test_page_overwritten_with_garbage(dbfile: Path) -> None:
    data = bytearray(dbfile.read_bytes())
    page = 4096
    rnd = hashlib.sha256(b"garbage").digest() * (page // 32)
    for n in (3, 4, 5, 8):
        data[n * page: (n + 1) * page] = rnd
    dbfile.write_bytes(bytes(data))
    expect(DamagedDatabaseError, dbfile, "skadad", "sida överskriven med skräp")


def test_zeroed_header(dbfile: Path) -> None:
    data = bytearray(dbfile.read_bytes())
    data[:100] = bytes(100)
    dbfile.write_bytes(bytes(data))
    expect(DamagedDatabaseError, dbfile, "nollställt", "nollställt filhuvud")


@pytest.mark.parametrize("content", [b"Hej, det h\xc3\xa4r \xc3\xa4r en textfil.\n" * 50,
                                     b"\x89PNG\r\n\x1a\n" + bytes(3000),
                                     b"PK\x03\x04" + os.urandom(5000)], ids=["text", "png", "zip"])
def test_not_a_sqlite_file(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "inte-en-databas.sqlite"
    p.write_bytes(content)
    expect(NotADatabaseError, p, "ingen databasfil", "inte en SQLite-fil")


def test_other_programs_database(tmp_path: Path) -> None:
    p = tmp_path / "annan.sqlite"
    con = sqlite3.connect(p)
    con.execute("PRAGMA application_id=12345")
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    expect(NotOurDatabaseError, p, "annat program", "annat programs databas")


def test_database_from_a_newer_version(dbfile: Path) -> None:
    con = sqlite3.connect(dbfile)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    err = expect(NewerDatabaseError, dbfile, "nyare version", "databas från nyare version")
    assert "9999" in str(err)


# ---- permissions and locks ---------------------------------------------------------------------------

@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Really read-only, also for root: `chattr +i` when running as root, else chmod."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)],
                                                            capture_output=True).returncode != 0:
            pytest.skip("running as root on a file system without chattr +i: cannot make a file read-only")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


def test_read_only_file(dbfile: Path) -> None:
    with read_only(dbfile):
        expect(ReadOnlyDatabaseError, dbfile, "skrivskyddad", "skrivskyddad fil")


def test_read_only_folder(dbfile: Path) -> None:
    with read_only(dbfile.parent):
        err = expect(ReadOnlyDatabaseError, dbfile, "Mappen", "skrivskyddad mapp")
        assert "skrivskyddad" in str(err)


@contextlib.contextmanager
def held_lock(path: Path, how: str) -> Iterator[None]:
    """Another process holding SQLite's lock on the file (BEGIN EXCLUSIVE or IMMEDIATE)."""
    code = textwrap.dedent(f"""
        import sqlite3, sys
        con = sqlite3.connect({str(path)!r}, isolation_level=None)
        con.execute("BEGIN {how}")
        if "{how}" == "EXCLUSIVE":
            con.execute("CREATE TABLE IF NOT EXISTS _lock (x)")
        print("locked", flush=True)
        sys.stdin.readline()
        con.execute("ROLLBACK")
    """)
    with subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        try:
            yield
        finally:
            proc.stdin.write("\n")
            proc.stdin.flush()
            proc.wait(10)


@pytest.mark.parametrize("how", ["EXCLUSIVE", "IMMEDIATE"])
def test_file_locked_by_another_process(dbfile: Path, how: str) -> None:
    with held_lock(dbfile, how):
        expect(LockedDatabaseError, dbfile, "låst av ett annat program", f"låst av annan process ({how})")
    open_database(dbfile).dispose()  # free again: opens normally


# ---- while the program runs --------------------------------------------------------------------------

def test_file_removed_while_the_program_runs(dbfile: Path, tmp_path: Path) -> None:
    backup_base = tmp_path / "backups"
    db = open_database(dbfile, backup_dir=backup_base)
    sv = Services.build(db)
    backups.auto_backup(db, backup_base)
    sv.people.save_organisation("Före borttagningen", OrgKind.OVRIG)
    os.unlink(dbfile)
    for attempt in ("pooled connection", "new connection"):
        with pytest.raises(OperationalError) as info:
            sv.people.save_organisation(f"Efter borttagningen ({attempt})", OrgKind.OVRIG)
        err = classify_error(info.value, path=db.path, backup_dir=backup_base)
        assert isinstance(err, DatabaseGoneError), f"{attempt}: {type(err).__name__}: {err}"
        assert "tagits bort" in str(err) and "säkerhetskopia" in str(err)
        assert err.latest_backup is not None and err.latest_backup.path.exists()
        assert not dbfile.exists(), "no new, empty database may appear in its place"
        db.engine.dispose()  # the next attempt opens a new connection
    HANDLED.append("filen borttagen medan programmet körs")
    db.dispose()


_DISK_FULL_CHILD = textwrap.dedent("""
    import json, os, resource, signal, sys
    sys.path.insert(0, sys.argv[2])
    from samverkan_desktop.db.backup import integrity_problems, logical_digest
    from samverkan_desktop.db.database import Database
    from samverkan_desktop.db.open import classify_error
    from samverkan_desktop.domain.catalog import OrgKind
    from samverkan_desktop.services import Services
    path = sys.argv[1]
    db = Database(path)
    sv = Services.build(db)
    sv.people.save_organisation("Uppvärmning", OrgKind.OVRIG)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(path) + 12000, resource.RLIM_INFINITY))
    result = {}
    for i in range(10000):
        before = logical_digest(path) if i % 5 == 0 else None
        try:
            sv.people.save_organisation("Fyllnad " + str(i) + " " + "x" * 250, OrgKind.OVRIG)
        except Exception as exc:
            err = classify_error(exc, path=db.path)
            resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            result = {"error": type(err).__name__, "message": str(err), "writes": i,
                      "integrity": integrity_problems(path)}
            db.dispose()
            after = logical_digest(path)
            result["unchanged"] = (before is None) or (before == after)
            result["failed_row_absent"] = True
            import sqlite3
            con = sqlite3.connect(path)
            result["failed_row_absent"] = not con.execute(
                "SELECT count(*) FROM organisation WHERE name LIKE ?", ("Fyllnad " + str(i) + " %",)).fetchone()[0]
            con.close()
            break
    print(json.dumps(result))
""")


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_file_size_limit(dbfile: Path) -> None:
    """A write that the operating system refuses (the file may not grow: EFBIG, as on a full
    disk): a specific message, the database stays intact and loses nothing committed."""
    proc = subprocess.run([sys.executable, "-c", _DISK_FULL_CHILD, str(dbfile), str(ROOT)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["error"] == "DiskFullError", result
    assert "full" in result["message"] and "sparades inte" in result["message"]
    assert result["integrity"] == [] and result["failed_row_absent"]
    HANDLED.append("full disk (filstorleksgräns, EFBIG)")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, small, full-able file system (tmpfs) when this process may mount one."""
    mnt = tmp_path / "liten-disk"
    mnt.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_on_a_real_small_disk(tiny_disk: Path, sqlite_template: Path) -> None:
    path = tiny_disk / "samverkan.sqlite"
    shutil.copyfile(sqlite_template, path)
    db = open_database(path)
    sv = Services.build(db)
    saved = 0
    with pytest.raises(OperationalError) as info:
        for i in range(100000):
            sv.people.save_organisation(f"Fyllnad {i} " + "å" * 280, OrgKind.OVRIG)
            saved += 1
    err = classify_error(info.value, path=db.path)
    assert isinstance(err, DiskFullError) and "Disken" in str(err) and "full" in str(err), str(err)
    db.dispose()
    assert integrity_problems(path) == []
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM organisation WHERE name LIKE 'Fyllnad %'").fetchone()[0] == saved
    con.close()
    HANDLED.append("full disk (riktig, liten tmpfs)")


# ---- restore offer, and moving a damaged file aside -------------------------------------------------

def test_damaged_file_offers_the_newest_verified_backup_and_moves_aside(dbfile: Path, tmp_path: Path,
                                                                       report: Callable[[dict[str, Any]], None]) -> None:
    base = tmp_path / "backups"
    db = open_database(dbfile, backup_dir=base)
    first = backups.auto_backup(db, base, now=datetime(2026, 11, 20, 9, 0)).made
    Services.build(db).people.save_organisation("Senare ändring", OrgKind.OVRIG)
    second = backups.auto_backup(db, base, now=datetime(2026, 11, 27, 16, 45)).made
    db.dispose()
    assert first and second
    # the newest backup is itself damaged: the offer falls back to the older, verified one
    data = bytearray(second.read_bytes())
    data[4096 * 3: 4096 * 6] = b"\xa5" * (4096 * 3)
    second.write_bytes(bytes(data))
    want = logical_digest(first)

    damaged = bytearray(dbfile.read_bytes())
    damaged[:100] = bytes(100)
    dbfile.write_bytes(bytes(damaged))
    err = expect(DamagedDatabaseError, dbfile, "skadad", "erbjuder verifierad säkerhetskopia", backup_dir=base)
    assert err.latest_backup is not None and err.latest_backup.path == first
    assert err.latest_backup.taken_at == datetime(2026, 11, 20, 9, 0)
    assert "20 november 2026 kl. 09.00" in str(err)

    result = restore.restore_damaged(dbfile, err.latest_backup.path)
    assert result.kept_aside == dbfile.with_name("samverkan.sqlite.damaged")
    assert result.kept_aside.read_bytes() == bytes(damaged), "the damaged file is kept, byte for byte"
    assert logical_digest(dbfile) == want
    open_database(dbfile, backup_dir=base).dispose()
    report({"fault_kinds_handled": len(set(HANDLED)), "kinds": sorted(set(HANDLED))})


def test_move_aside_damaged_keeps_file_and_journal(dbfile: Path) -> None:
    journal = dbfile.with_name(dbfile.name + "-journal")
    journal.write_bytes(b"journal")
    content = dbfile.read_bytes()
    aside = restore.move_aside_damaged(dbfile)
    assert not dbfile.exists() and aside.read_bytes() == content
    assert aside.with_name(aside.name + "-journal").read_bytes() == b"journal" and not journal.exists()
    dbfile.write_bytes(b"x")
    second = restore.move_aside_damaged(dbfile)
    assert second.name == "samverkan.sqlite.damaged-2" and aside.exists()


def test_hot_journal_after_a_crash_is_not_mistaken_for_damage(dbfile: Path) -> None:
    """A kill in the middle of a commit can leave the file looking cut short until SQLite rolls
    its hot journal back; the start-up check lets SQLite do that first (found by the crash test)."""
    child = textwrap.dedent(f"""
        import os, sqlite3
        con = sqlite3.connect({str(dbfile)!r}, isolation_level=None)
        con.execute("PRAGMA cache_size=2")
        con.execute("BEGIN IMMEDIATE")
        con.execute("CREATE TABLE _stor (x)")
        for i in range(400):
            con.execute("INSERT INTO _stor VALUES (randomblob(3000))")
        os.kill(os.getpid(), 9)
    """)
    before = logical_digest(dbfile)
    subprocess.run([sys.executable, "-c", child], check=False)
    assert dbfile.with_name(dbfile.name + "-journal").exists()
    db = open_database(dbfile)
    db.dispose()
    assert logical_digest(dbfile) == before
    HANDLED.append("het journal efter krasch")


def test_automatic_backup_to_a_full_disk(tiny_disk: Path, dbfile: Path) -> None:
    """A backup folder on a full disk: a clear message, no half copy, earlier copies kept."""
    base = tiny_disk / "backups"
    db = open_database(dbfile, backup_dir=base)
    try:
        first = backups.auto_backup(db, base, now=datetime(2026, 11, 1, 8)).made
        assert first is not None
        filler = tiny_disk / "fyllnad.bin"
        with open(filler, "wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        Services.build(db).people.save_organisation("Ändring före nästa kopia", OrgKind.OVRIG)
        with pytest.raises(DiskFullError, match="full") as info:
            backups.auto_backup(db, base, now=datetime(2026, 11, 2, 8))
        assert "inga tidigare säkerhetskopior har tagits bort" in str(info.value)
        folder = backups.folder_for(dbfile, base)
        assert [e.path for e in backups.list_backups(folder)] == [first] and not list(folder.glob("*.tmp"))
        HANDLED.append("full disk vid automatisk säkerhetskopia")
    finally:
        db.dispose()
