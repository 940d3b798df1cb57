"""A second instance on the same SQLite file is refused (lock file, released by the operating
system even after a kill); a database on a network share or in a synchronised folder is warned about."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from samverkan_desktop.db.errors import InstanceLockedError
from samverkan_desktop.db.location import location_warning
from samverkan_desktop.db.lock import InstanceLock, acquire_instance_lock, lock_path_for, read_holder

ROOT = Path(__file__).resolve().parents[2]


def _holder_process(db: Path) -> subprocess.Popen[str]:
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from samverkan_desktop.db.lock import acquire_instance_lock
        lock = acquire_instance_lock(__import__("pathlib").Path({str(db)!r}))
        print("held", flush=True)
        sys.stdin.readline()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_instance_is_refused_with_who_holds_it(tmp_path: Path) -> None:
    db = tmp_path / "samverkan.sqlite"
    proc = _holder_process(db)
    try:
        with pytest.raises(InstanceLockedError) as info:
            acquire_instance_lock(db)
        msg = str(info.value)
        assert "redan öppen i Samverkan Desktop" in msg and f"process {proc.pid}" in msg
        assert "PostgreSQL" in msg
        assert info.value.holder.get("pid") == proc.pid
    finally:
        proc.kill()  # SIGKILL: no chance to clean up
        proc.wait(10)
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.close()
        proc.stdout.close()
    # the operating system released the lock with the process: no stale lock
    with acquire_instance_lock(db) as lock:
        assert lock.held and read_holder(lock_path_for(db))["pid"] == os.getpid()
    assert read_holder(lock_path_for(db)) == {}  # released: the text is cleared, the file stays
    assert lock_path_for(db).exists()


def test_same_process_cannot_take_the_lock_twice(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    first = InstanceLock(db).acquire()
    try:
        with pytest.raises(InstanceLockedError):
            InstanceLock(db).acquire()
    finally:
        first.release()
    InstanceLock(db).acquire().release()


def test_lock_in_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    from samverkan_desktop.db.errors import ReadOnlyDatabaseError

    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a folder read-only as root here")
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyDatabaseError, match="skrivskyddad"):
            acquire_instance_lock(folder / "db.sqlite")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)


# ---- location warnings ---------------------------------------------------------------------------

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
//filserver/gemensam /mnt/gemensam cifs rw,vers=3.0 0 0
nas:/export/home /home/nfsuser nfs4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(("platform", "path", "env", "kind", "service"), [
    ("win32", r"\\filserver\gemensam\samverkan.sqlite", {}, "network", "UNC"),
    ("win32", r"C:\Users\eva\OneDrive - Ånge kommun\Dokument\samverkan.sqlite", {}, "sync", "OneDrive"),
    ("win32", r"C:\Users\eva\Företag\data\samverkan.sqlite", {"OneDriveCommercial": r"C:\Users\eva\Företag"},
     "sync", "OneDrive"),
    ("win32", r"C:\Users\eva\Dropbox\samverkan.sqlite", {}, "sync", "Dropbox"),
    ("win32", r"G:\Min enhet\samverkan.sqlite", {}, "sync", "Google Drive"),
    ("win32", r"C:\Users\eva\iCloudDrive\samverkan.sqlite", {}, "sync", "iCloud"),
    ("win32", r"C:\Users\eva\AppData\Roaming\Samverkan Desktop\samverkan.sqlite",
     {"APPDATA": r"C:\Users\eva\AppData\Roaming"}, "roaming", "servrande"),
    ("darwin", "/Users/eva/Library/CloudStorage/OneDrive-Kommun/samverkan.sqlite", {}, "sync", "OneDrive"),
    ("darwin", "/Users/eva/Library/Mobile Documents/com~apple~CloudDocs/samverkan.sqlite", {}, "sync", "iCloud"),
    ("linux", "/mnt/gemensam/samverkan/samverkan.sqlite", {}, "network", "cifs"),
    ("linux", "/home/nfsuser/samverkan.sqlite", {}, "network", "nfs4"),
    ("linux", "/home/eva/Nextcloud/samverkan.sqlite", {}, "sync", "Nextcloud"),
])
def test_location_warnings(platform: str, path: str, env: dict[str, str], kind: str, service: str) -> None:
    w = location_warning(path, platform=platform, env=env, mounts_text=MOUNTS)
    assert w is not None, path
    assert w.kind == kind and service in (w.service + w.message)
    if kind in ("network", "sync"):
        assert "PostgreSQL" in w.message
    assert path in w.message or kind == "network"


@pytest.mark.parametrize(("platform", "path", "env"), [
    ("win32", r"C:\Users\eva\AppData\Local\Samverkan Desktop\samverkan.sqlite",
     {"APPDATA": r"C:\Users\eva\AppData\Roaming", "OneDrive": r"C:\Users\eva\OneDrive"}),
    ("win32", r"D:\Data\samverkan.sqlite", {}),
    ("linux", "/home/eva/.local/share/samverkan-desktop/samverkan.sqlite", {}),
    ("linux", "postgresql+psycopg://kommun@db.example/samverkan", {}),
    ("darwin", "/Users/eva/Library/Application Support/Samverkan Desktop/samverkan.sqlite", {}),
])
def test_no_warning_for_local_places_and_servers(platform: str, path: str, env: dict[str, str]) -> None:
    assert location_warning(path, platform=platform, env=env, mounts_text=MOUNTS) is None


def test_this_computers_default_place_is_fine() -> None:
    from samverkan_desktop.paths import default_database_path

    w = location_warning(default_database_path())
    assert w is None or w.kind == "network"  # a CI runner's home might be on NFS; the default is local

