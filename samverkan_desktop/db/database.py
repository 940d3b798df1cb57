"""The open database: engine plus short-lived audited sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from .audit import AuditedSession
from .engine import create_db_engine, is_sqlite_url, resolve_url, sqlite_path

# Key in `Session.info` of the sessions `Database.writing` hands out.
WRITING = "samverkan_writing"


class Database:
    """One database, reached by file path or URL. Services take it in their constructor."""

    def __init__(self, target: str | Path) -> None:
        self.url = resolve_url(target)
        self.engine: Engine = create_db_engine(self.url)
        self._read = sessionmaker(bind=self.engine, class_=AuditedSession, expire_on_commit=False)
        self._write = sessionmaker(
            bind=self.engine.execution_options(sqlite_begin="IMMEDIATE"),
            class_=AuditedSession,
            expire_on_commit=False,
        )
        self.user: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite_url(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def display_name(self) -> str:
        p = self.path
        if p is not None:
            return str(p)
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def reading(self) -> Iterator[AuditedSession]:
        with self._read() as s:
            yield s

    @contextmanager
    def writing(self) -> Iterator[AuditedSession]:
        """One transaction: commit on success, roll back on any exception. The session is marked
        (`WRITING`) so that services lock the rows they read to change (`services.common.load`)."""
        with self._write() as s:
            s.info[WRITING] = True
            if self.user:
                s.info["user"] = self.user
            with s.begin():
                yield s

    def dispose(self) -> None:
        self.engine.dispose()
