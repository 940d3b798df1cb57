"""Is the chosen SQLite file somewhere it should not live? A network share (file locking over
SMB/NFS is unreliable: https://www.sqlite.org/useovernet.html), a folder a sync client
(OneDrive, Dropbox, Google Drive, iCloud, Box, Nextcloud) copies while it is being written
(https://www.sqlite.org/howtocorrupt.html §1.2), or the roaming profile. The answer is a
Swedish warning for the GUI (open anyway, or choose another place); nothing is refused here.
Backups *to* such places are fine: they are finished copies, not the live file."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

NETWORK_FS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "davfs", "fuse.davfs2",
    "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.s3fs", "glusterfs", "fuse.glusterfs", "ceph", "lustre",
    "fuse.gvfsd-fuse", "webdav", "afpfs", "fuse.onedriver",
})

#: Folder names sync clients create (compared case-insensitively, as whole path components).
SYNC_FOLDERS = {
    "onedrive": "OneDrive", "dropbox": "Dropbox", "google drive": "Google Drive", "googledrive": "Google Drive",
    "my drive": "Google Drive", "min enhet": "Google Drive", "icloud drive": "iCloud", "iclouddrive": "iCloud",
    "mobile documents": "iCloud", "box": "Box", "box sync": "Box", "nextcloud": "Nextcloud", "owncloud": "ownCloud",
    "pcloud drive": "pCloud", "mega": "MEGA", "sync.com": "Sync.com",
}
_SYNC_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")

_POSTGRES_HINT = ("För att flera ska arbeta i samma data: använd en gemensam PostgreSQL-databas "
                  "(Arkiv → Öppna databas… med en postgresql://-adress).")


@dataclass(frozen=True)
class LocationWarning:
    kind: str  # "network" | "sync" | "roaming"
    service: str  # e.g. "OneDrive", "nätverksenhet (cifs)"
    message: str

    def __str__(self) -> str:
        return self.message


def _pure(path: str | Path, windows: bool) -> PurePath:
    return PureWindowsPath(str(path)) if windows else PurePosixPath(str(path))


def _mount_fs_type(path: str, mounts_text: str) -> str | None:
    """The file-system type of the longest mount point containing `path` (Linux /proc/mounts)."""
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mnt = parts[1].replace("\\040", " ")
        if (path == mnt or path.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
            best, best_type = mnt, parts[2]
    return best_type


def _windows_drive_is_remote(path: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(path)[0]
    if not drive:
        return False
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4)  # DRIVE_REMOTE


def location_warning(path: str | Path, *, platform: str | None = None, env: Mapping[str, str] | None = None,
                     mounts_text: str | None = None) -> LocationWarning | None:
    """A warning when `path` (a SQLite file) lies on a network share, in a synchronised cloud
    folder or in the roaming profile; None when the place is fine or the target is a URL.
    `platform`, `env` and `mounts_text` are for tests (defaults: this computer)."""
    text = str(path)
    if "://" in text and not text.startswith("sqlite:"):
        return None  # a server URL (PostgreSQL): the right choice for shared use
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    platform = platform or sys.platform
    env = os.environ if env is None else env
    windows = platform == "win32"
    if not windows and text and not text.startswith("/"):
        text = str(Path(text).resolve())
    p = _pure(text, windows)
    where = str(p)

    # 1. network shares
    remote: str | None = None
    if windows:
        if where.startswith("\\\\") or where.startswith("//"):
            remote = "nätverksresurs (UNC-sökväg)"
        elif platform == sys.platform and _windows_drive_is_remote(where):  # pragma: no cover - Windows only
            remote = f"nätverksenhet {os.path.splitdrive(where)[0]}"
    elif platform.startswith("linux"):
        if mounts_text is None:
            try:
                mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                mounts_text = ""
        fs = _mount_fs_type(where, mounts_text)
        if fs and (fs in NETWORK_FS or fs.startswith("nfs") or fs.startswith("smb")):
            remote = f"nätverksenhet ({fs})"
    if remote:
        return LocationWarning("network", remote,
                               f"Databasen {where} ligger på en {remote}. SQLite-filer på nätverksenheter kan skadas "
                               "när filåtkomsten inte låses tillförlitligt. Lägg databasen på den egna datorn "
                               "(standardplatsen). " + _POSTGRES_HINT)

    # 2. synchronised cloud folders
    parts_lower = [part.lower() for part in p.parts[:-1]]
    service: str | None = None
    for var in _SYNC_ENV:
        root = env.get(var)
        if root:
            r = _pure(root, windows)
            try:
                p.relative_to(r)
                service = "OneDrive"
                break
            except ValueError:
                pass
    if service is None:
        for i, part in enumerate(parts_lower):
            name = SYNC_FOLDERS.get(part)
            if name is None and part.startswith("onedrive - "):
                name = "OneDrive"
            if name is None and part.startswith("dropbox ("):
                name = "Dropbox"
            if name is None and part == "cloudstorage" and i > 0 and parts_lower[i - 1] == "library":
                name = "en molntjänst (CloudStorage)"
            if name is not None:
                service = name
                break
    if service:
        return LocationWarning("sync", service,
                               f"Databasen {where} ligger i en mapp som synkroniseras av {service}. Synkroniseringen "
                               "kan kopiera filen mitt i en ändring och skapa skadade kopior eller konflikter. Lägg "
                               "databasen på den egna datorn (standardplatsen); säkerhetskopior får gärna ligga i "
                               f"{service}. " + _POSTGRES_HINT)

    # 3. the roaming profile (copied to a file server at logon/logoff)
    if windows:
        roaming = env.get("APPDATA")
        if roaming:
            try:
                p.relative_to(_pure(roaming, True))
                return LocationWarning("roaming", "servrande profil",
                                       f"Databasen {where} ligger i den servrande profilen (AppData\\Roaming), som "
                                       "kopieras till en server vid in- och utloggning. Lägg den i stället i "
                                       "AppData\\Local (standardplatsen).")
            except ValueError:
                pass
    return None
