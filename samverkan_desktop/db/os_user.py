"""Who is working: the operating-system login name, as written in the change log, the lock
file and generated documents. Its own small module so that the instance lock, taken before the
window opens the database, does not import SQLAlchemy with the change log."""

from __future__ import annotations

import getpass


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (e.g. a service account): still log
        return "okänd"
