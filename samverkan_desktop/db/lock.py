"""One instance per SQLite file: a lock file `<database>.lock` beside the database.

The lock itself is an operating-system lock on that file (`fcntl.flock` on Linux/macOS,
`msvcrt.locking` on Windows), so it disappears when the holding process ends in any way —
a crash or a kill never leaves a stale lock behind. The file's text (who, where, since when,
which process) is only for the message. Where the file system offers no locks at all (some
network shares), the fallback is the recorded process id: a lock whose process no longer
runs on this computer is taken over.

The lock file is never deleted (deleting a lock file races with another process opening it);
releasing the lock empties it."""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from .errors import InstanceLockedError, ReadOnlyDatabaseError

_WIN_LOCK_OFFSET = 1 << 20  # lock a byte past the text, so others can still read who holds it


def lock_path_for(db_path: Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".lock")


def _user() -> str:
    from .os_user import current_user

    return current_user()


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _try_os_lock(fh: IO[bytes]) -> bool | None:
    """True: locked by us; False: someone else holds it; None: no locking on this file system."""
    try:
        if os.name == "nt":  # pragma: no cover - Windows only
            import msvcrt

            fh.seek(_WIN_LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN, errno.EDEADLK):
            return False
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL):
            return None
        raise


def _unlock(fh: IO[bytes]) -> None:
    try:
        if os.name == "nt":  # pragma: no cover - Windows only
            import msvcrt

            fh.seek(_WIN_LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


def read_holder(lock_path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(lock_path.read_text(encoding="utf-8") or "{}")
        return raw if isinstance(raw, dict) else {}
    except (OSError, ValueError):
        return {}


def holder_text(holder: dict[str, Any]) -> str:
    parts = []
    if holder.get("user"):
        parts.append(f"användare {holder['user']}")
    if holder.get("host"):
        parts.append(f"på datorn {holder['host']}")
    if holder.get("since"):
        try:
            parts.append(f"sedan {datetime.fromisoformat(str(holder['since'])):%Y-%m-%d %H:%M}")
        except ValueError:
            pass
    if holder.get("pid"):
        parts.append(f"process {holder['pid']}")
    return f" ({', '.join(parts)})" if parts else ""


class InstanceLock:
    """Held while a window (or a restore from the command line) uses the database."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path_for(self.db_path)
        self._fh: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self) -> "InstanceLock":
        if self._fh is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(self.path, "a+b")
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise ReadOnlyDatabaseError(
                    f"Mappen {self.db_path.parent} är skrivskyddad, så databasen {self.db_path.name} kan inte "
                    "användas här. Flytta filen till en mapp där du har skrivrätt.", path=self.db_path) from exc
            raise
        try:
            got = _try_os_lock(fh)
            if got is None:  # no OS locks here: decide by the recorded process
                holder = read_holder(self.path)
                mine = holder.get("host") == socket.gethostname()
                got = not holder.get("pid") or (mine and not pid_alive(int(holder.get("pid", 0))))
            if not got:
                holder = read_holder(self.path)
                raise InstanceLockedError(
                    f"Databasen {self.db_path} är redan öppen i Samverkan Desktop{holder_text(holder)}. "
                    "Stäng det andra fönstret först, eller öppna en annan databas. För att flera ska arbeta "
                    "i samma data samtidigt: använd en gemensam PostgreSQL-databas.",
                    path=self.db_path, holder=holder)
            info = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(),
                    "since": datetime.now().isoformat(timespec="seconds"), "program": "Samverkan Desktop",
                    "argv0": os.path.basename(sys.argv[0]) if sys.argv else ""}
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps(info, ensure_ascii=False).encode("utf-8"))
            fh.flush()
        except BaseException:
            fh.close()
            raise
        self._fh = fh
        return self

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            fh.seek(0)
            fh.truncate()
            fh.flush()
        except OSError:
            pass
        _unlock(fh)
        fh.close()

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire_instance_lock(db_path: Path) -> InstanceLock:
    """Lock the database for this program instance; raises InstanceLockedError (Swedish message
    naming who holds it) or ReadOnlyDatabaseError (the folder cannot be written)."""
    return InstanceLock(db_path).acquire()
