"""The benchmark suite (benchmarks/run_all.py) still runs end to end: every scenario at the smallest
size (`--smoke`: a 200-activity database, one start-up run, a few GUI steps, a tiny Excel and PDF
run). Nothing here is timed; the figures of a smoke run mean nothing, only that each scenario
produced its rows with numbers."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
RUN_ALL = ROOT / "benchmarks" / "run_all.py"


def load_run_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run_all", RUN_ALL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_every_scenario_produces_its_rows(tmp_path: Path) -> None:
    out = tmp_path / "suite.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, str(RUN_ALL), "--smoke", "--cache-dir", str(tmp_path / "cache"),
                           "--json", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["errors"] == {}
    rows = {r["scenario"]: r for r in result["rows"]}
    expected = [
        "Start-up floor: empty QMainWindow painted",
        "Start-up, demo database: window painted", "Start-up, demo database: data visible",
        "Start-up, 200 activities: window painted", "Start-up, 200 activities: data visible",
        "Portfolio at 200: open the tab, rows painted", "Portfolio at 200: filter keystroke (longest block of 3)",
        "Portfolio at 200: scroll top → bottom (4 steps, longest block)", "Portfolio at 200: open a record (slowest of 2)",
        "Portfolio at 200: peak RSS",
        "Stall: start-up, demo database (paint → data)", "Stall: start-up, 200 activities (paint → data)",
        "Stall: typing a filter at 200",
        "Excel export, 30 activities (CPU)", "Decision document, 1 (median CPU)", "Decision documents, batch of 1 (CPU)",
    ]
    for name in expected:
        assert name in rows, f"{name!r} missing from {sorted(rows)}"
    prefixes = ("Portfolio at 200: sort (slowest of 3: ", "Stall: tab switches at 200 (worst: ",
                "Stall: Excel export via File menu at 200 (", "Stall: backup via File menu at 200 (")
    for prefix in prefixes:
        assert any(name.startswith(prefix) for name in rows), f"no row starting {prefix!r}"
    for name, row in rows.items():
        assert isinstance(row["measured"], (int, float)) and row["measured"] > 0, (name, row)
        assert row["rss_mb"] is None or row["rss_mb"] > 20, (name, row)
        if row["kind"] != "info" and row["limit"] is not None:
            assert row["met"] in (True, False), (name, row)
    # the printed table has one line per row, under the header
    table = proc.stdout[proc.stdout.index("scenario "):]
    for name in rows:
        assert name in table
    # the window really showed the data before the start-up trace quit it
    for run in result["raw"]["startup"]["demo"] + result["raw"]["startup"]["big"]:
        assert 0 < run["painted_s"] <= run["data_visible_s"]


def test_write_docs_replaces_only_its_own_block(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    run_all = load_run_all()
    doc = tmp_path / "PERFORMANCE.md"
    doc.write_text("# Performance\n\n## Documents\n\nDocument figures.\n\n## Excel export\n\nExcel figures.\n",
                   encoding="utf-8")
    monkeypatch.setattr(run_all, "DOC", doc)
    suite = run_all.Suite("smoke", 200, 1)
    suite.rows.append(run_all.Row("Start-up, demo database: window painted", 0.5, "s", 0.25, "≤ 2× floor", 2.0,
                                  "ratio", 120.0))
    facts = {k: "x" for k in ("cpu", "memory", "os", "python", "pyside6", "sqlalchemy", "sqlite", "openpyxl",
                              "reportlab", "qpa")}
    run_all.write_docs(run_all.docs_block(suite, facts, (1.0, 2.0), "2026-11-28 12:00", 3.0))
    first = doc.read_text(encoding="utf-8")
    assert first.startswith("# Performance\n\n<!-- suite:begin -->\n## Benchmark suite")
    assert "| Start-up, demo database: window painted | 500 ms | 250 ms | 2.00× | ≤ 2× floor | yes | 120 MB |" in first
    assert first.index("<!-- suite:end -->") < first.index("## Documents")
    assert "Document figures." in first and "Excel figures." in first

    suite.rows[0].measured = 0.75
    run_all.write_docs(run_all.docs_block(suite, facts, (1.0, 2.0), "2026-11-28 13:00", 3.0))
    second = doc.read_text(encoding="utf-8")
    assert second.count("<!-- suite:begin -->") == 1 and second.count("## Benchmark suite") == 1
    assert "| 750 ms | 250 ms | 3.00× | ≤ 2× floor | NO |" in second
    assert second.split("<!-- suite:end -->")[1] == first.split("<!-- suite:end -->")[1]
