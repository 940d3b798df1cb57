"""Shared fixtures: a fresh, migrated database per test on SQLite, and on PostgreSQL when
SAMVERKAN_TEST_PG_URL points at a server (CI starts a throwaway cluster)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from samverkan_desktop.db.database import Database  # noqa: E402
from samverkan_desktop.db.migrate import upgrade  # noqa: E402
from samverkan_desktop.services import Services  # noqa: E402

TODAY = date(2026, 11, 28)
PG_URL = os.environ.get("SAMVERKAN_TEST_PG_URL", "")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user's data folder."""
    d = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("SAMVERKAN_DATA_DIR", str(d))
    return d


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = Database(path)
    upgrade(db)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("SAMVERKAN_TEST_PG_URL is not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = "samverkan_template"
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        c.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    db = Database(url)
    upgrade(db)
    db.dispose()
    yield name
    admin.dispose()


def _pg_database(template: str) -> Iterator[Database]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    db = Database(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    try:
        yield db
    finally:
        db.dispose()
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh migrated database: SQLite always, PostgreSQL when configured."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copyfile(sqlite_template, path)
        database = Database(path)
        yield database
        database.dispose()
    else:
        template = request.getfixturevalue("pg_template")
        yield from _pg_database(template)


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path / "test.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = Database(path)
    yield database
    database.dispose()


@pytest.fixture
def sv(db: Database) -> Services:
    return Services.build(db)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A SQLite file with the demo data loaded at TODAY (built once per session)."""
    from samverkan_desktop.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = Database(path)
    load_demo(Services.build(database), TODAY)
    database.dispose()
    return path


@pytest.fixture
def demo_sv(tmp_path: Path, demo_template: Path) -> Iterator[Services]:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    database = Database(path)
    yield Services.build(database)
    database.dispose()


# ---- long-running variants: only with --run-slow ---------------------------------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", default=False,
                     help="also run tests marked slow (long crash and concurrency runs)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


_exit_status: dict[str, int] = {}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status["code"] = int(exitstatus)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """After the summary is printed (reports and the cache are written at session finish):
    leave before pytest's final gc.collect() and Python's finalizer tear down the Qt wrappers
    of the GUI tests in arbitrary order (PySide can crash there) — as the app itself does."""
    import sys

    if "PySide6.QtWidgets" in sys.modules and "code" in _exit_status:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status["code"])
