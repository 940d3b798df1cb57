"""The command line as a script would use it: exit codes, stdout, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_desktop.cli import main

TODAY = "2026-11-28"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_deadlines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite")
    code, out, _ = run(capsys, "--db", db, "--today", TODAY, "demo")
    assert code == 0 and "Demodata inläst" in out
    code, out, err = run(capsys, "--db", db, "--today", TODAY, "demo")
    assert code == 1 and "redan data" in err and out == ""
    code, out, _ = run(capsys, "--db", db, "--today", TODAY, "deadlines", "--days", "365")
    assert code == 0
    for text in ("uppsägning", "förlängning", "rapport försenad", "faktura förfaller", "2027-09-30", "2027-06-30"):
        assert text in out
    code, out, _ = run(capsys, "--db", db, "--today", TODAY, "deadlines", "--days", "365", "--format", "json")
    items = json.loads(out)
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)
    code, out, _ = run(capsys, "--db", db, "--today", TODAY, "deadlines", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["due"] <= "2027-02-26" for r in rows)


def test_list_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite")
    run(capsys, "--db", db, "--today", TODAY, "demo")
    code, out, _ = run(capsys, "--db", db, "list", "agreements")
    assert code == 0 and "KS2021/812" in out and "300 000 kr" in out
    code, out, _ = run(capsys, "--db", db, "list", "activities", "--format", "json")
    acts = json.loads(out)
    assert {"id", "kind", "title", "stage", "budget_total_ore"} <= set(acts[0])
    assert any(a["stage"] == "pågående" for a in acts)
    code, out, _ = run(capsys, "--db", db, "list", "meetings")
    assert "kommunstyrelsens arbetsutskott" in out


def test_check_and_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite")
    run(capsys, "--db", db, "--today", TODAY, "demo")
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0 and "Integritetskontroll: ok" in out
    code, out, _ = run(capsys, "--db", db, "backup", "--out", str(tmp_path / "b.sqlite"))
    assert code == 0 and (tmp_path / "b.sqlite").exists()
    code, out, _ = run(capsys, "--db", str(tmp_path / "b.sqlite"), "list", "agreements")
    assert "LOFT" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["list", "nothing"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["--today", "2026-13-01", "deadlines"])
    assert e.value.code == 2
    assert "--today" in capsys.readouterr().err


def test_not_a_database_is_one_line_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(b"this is not a database, just text" * 100)
    code, out, err = run(capsys, "--db", str(bad), "list", "agreements")
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "ingen databasfil" in err
    assert bad.read_bytes().startswith(b"this is not a database")


def test_module_entry_point_runs_headless(tmp_path: Path) -> None:
    env = {**os.environ, "SAMVERKAN_DATA_DIR": str(tmp_path)}
    env.pop("DISPLAY", None)
    r = subprocess.run([sys.executable, "-m", "samverkan_desktop", "--db", str(tmp_path / "x.sqlite"),
                        "list", "agreements", "--format", "json"], capture_output=True, text=True, env=env,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []
    # no Qt imported on headless paths
    r = subprocess.run([sys.executable, "-c", "import sys; from samverkan_desktop.cli import main; "
                        f"main(['--db', r'{tmp_path / 'x.sqlite'}', 'list', 'meetings']); "
                        "print('PySide6' in sys.modules)"], capture_output=True, text=True, env=env, timeout=60)
    assert r.stdout.strip().endswith("False"), r.stdout + r.stderr


@pytest.mark.postgres
def test_demo_and_deadlines_on_postgres(capsys: pytest.CaptureFixture[str]) -> None:
    url = os.environ.get("SAMVERKAN_TEST_PG_URL")
    if not url:
        pytest.skip("SAMVERKAN_TEST_PG_URL is not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text("DROP DATABASE IF EXISTS cli_demo WITH (FORCE)"))
        c.execute(text("CREATE DATABASE cli_demo"))
    target = make_url(url).set(database="cli_demo").render_as_string(hide_password=False)
    try:
        code, out, err = run(capsys, "--db", target, "--today", TODAY, "demo")
        assert code == 0, err
        code, out, _ = run(capsys, "--db", target, "--today", TODAY, "deadlines", "--days", "365")
        assert code == 0 and "2027-09-30" in out and "uppsägning" in out
    finally:
        with admin.connect() as c:
            c.execute(text("DROP DATABASE IF EXISTS cli_demo WITH (FORCE)"))
        admin.dispose()
