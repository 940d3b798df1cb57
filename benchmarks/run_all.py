"""The benchmark suite: every scenario of issue #7 in one command, one table.

    .venv/bin/python benchmarks/run_all.py [--quick] [--write-docs] [--only startup,portfolio,...]

Scenarios, each in its own process (peak RSS is that process's own, from os.wait4):

- startup    the application (`python -m samverkan_desktop --db FILE`) on the demo database and on
             the large one, against the floor (benchmarks/startup_floor.py: an empty QMainWindow
             shown and quit), interleaved, median of --repeat runs after a warm-up run. Timestamps
             come from samverkan_desktop/ui/startup_trace.py (SAMVERKAN_STARTUP_TRACE): "window
             painted" and "data visible" (the first tab's rows painted), measured from just before
             the process is started (CLOCK_MONOTONIC is system-wide on Linux, so the launcher's
             clock and the child's agree); the longest event-loop stall between the two.
- portfolio  benchmarks/gui_scenarios.py: the Projektportfölj tab on the large database: open,
             type a filter (per keystroke), sort by each column, scroll top to bottom, open records.
- stalls     benchmarks/gui_scenarios.py: the longest event-loop block during tab switches,
             typing a filter, an Excel export and a backup through the File menu.
- excel      benchmarks/export_portfolio.py (its own floor: plain openpyxl write-only) at two
             sizes: the CPU ratio at the larger, and how peak memory grows with 5× the rows.
- pdf        benchmarks/documents.py (its own floor: plain reportlab on the same story).

The large database (benchmarks/scale.py: 500 agreements, 50 000 activities with budgets and
reports, 5 000 meetings, 200 000 change-log rows) and the demo database are generated once into
--cache-dir. Child processes run with a temporary data folder and settings (never the user's),
QT_QPA_PLATFORM=offscreen unless set, and with bytecode caching on (PYTHONDONTWRITEBYTECODE
removed), as an installed program runs. --write-docs rewrites the "Benchmark suite" block of
docs/PERFORMANCE.md (between <!-- suite:begin --> and <!-- suite:end -->).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
DOC = ROOT / "docs" / "PERFORMANCE.md"
BEGIN, END = "<!-- suite:begin -->", "<!-- suite:end -->"
TODAY = "2026-11-28"
SCENARIOS = ("startup", "portfolio", "stalls", "excel", "pdf")


# ---- child processes ---------------------------------------------------------------------------
@dataclass
class Child:
    rc: int
    out: str
    err: str
    wall_s: float
    cpu_s: float
    rss_mb: float
    launched: float  # time.monotonic() just before the process was started


def run_child(cmd: list[str], env: dict[str, str], timeout_s: float = 3600, cwd: Path = ROOT) -> Child:
    """Run a command; its own peak RSS and CPU come from os.wait4 (not the children's maximum)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        launched = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        deadline = launched + timeout_s
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.02)
        wall = time.monotonic() - launched
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Child(p.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"), wall,
                     ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, launched)


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["SAMVERKAN_DATA_DIR"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")  # QSettings (window state) of its own
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def check(c: Child, what: str) -> None:
    if c.rc != 0:
        raise RuntimeError(f"{what} failed (exit {c.rc}):\n{c.err[-3000:]}")


# ---- databases ---------------------------------------------------------------------------------
def scale_args(activities: int) -> list[str]:
    return ["--agreements", str(max(5, activities // 100)), "--activities", str(activities),
            "--meetings", str(max(10, activities // 10)), "--changes", str(activities * 4)]


def ensure_databases(cache: Path, activities: int, work: Path) -> tuple[Path, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    big = cache / f"scale-{activities}.sqlite"
    if not big.exists():
        print(f"Generating {big} (benchmarks/scale.py) …", flush=True)
        tmp = big.with_name(big.name + ".part")
        check(run_child([sys.executable, str(BENCH / "scale.py"), str(tmp), *scale_args(activities)],
                        child_env(work / "gen")), "scale.py")
        tmp.replace(big)
    demo = cache / "demo.sqlite"
    if not demo.exists():
        print(f"Generating {demo} (samverkan-desktop demo) …", flush=True)
        tmp = demo.with_name("demo-part.sqlite")
        tmp.unlink(missing_ok=True)
        check(run_child([sys.executable, "-m", "samverkan_desktop", "--db", str(tmp), "--today", TODAY, "demo"],
                        child_env(work / "gen")), "demo data")
        tmp.replace(demo)
    return demo, big


# ---- results -----------------------------------------------------------------------------------
@dataclass
class Row:
    scenario: str
    measured: float | None
    unit: str  # "s" | "MB" | "x"
    floor: float | None = None
    target: str = ""
    limit: float | None = None  # measured ≤ limit ("abs") or ratio ≤ limit ("ratio")
    kind: str = "abs"  # "abs" | "ratio" | "info"
    rss_mb: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.measured is None or not self.floor:
            return None
        return self.measured / self.floor

    @property
    def met(self) -> bool | None:
        if self.kind == "info" or self.limit is None:
            return None
        value = self.ratio if self.kind == "ratio" else self.measured
        return None if value is None else value <= self.limit


@dataclass
class Suite:
    level: str  # "full" | "quick" | "smoke" (benchmarks/gui_scenarios.py LEVELS)
    activities: int
    repeat: int
    rows: list[Row] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> str:
        return f"{self.activities:,}".replace(",", " ")


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f}"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# ---- scenario: start-up ------------------------------------------------------------------------
def startup_once(kind: str, db: Path | None, home: Path, out: Path) -> dict[str, Any]:
    out.unlink(missing_ok=True)
    if kind == "floor":
        cmd = [sys.executable, str(BENCH / "startup_floor.py"), str(out)]
        env = child_env(home)
    else:
        assert db is not None
        cmd = [sys.executable, "-m", "samverkan_desktop", "--db", str(db), "--today", TODAY]
        env = child_env(home, SAMVERKAN_STARTUP_TRACE=str(out), SAMVERKAN_QUIT_AFTER_MS="120000")
    c = run_child(cmd, env, timeout_s=300)
    check(c, f"start-up ({kind})")
    marks = json.loads(out.read_text(encoding="utf-8"))

    def rel(name: str) -> float | None:
        v = marks.get(name)
        return None if v is None else v - c.launched

    return {"painted_s": rel("window_painted"), "data_visible_s": rel("data_visible"), "attached_s": rel("attached"),
            "first_paint_s": rel("first_paint"), "data_ready_s": rel("data_ready"),
            "installed_s": rel("installed"), "proc_start_s": rel("proc_start"), "stall_s": marks.get("max_stall_s"),
            "rss_mb": c.rss_mb, "cpu_s": c.cpu_s, "exit_wall_s": c.wall_s}


def scenario_startup(s: Suite, demo: Path, big: Path, work: Path, warmup: bool) -> None:
    runs: dict[str, list[dict[str, Any]]] = {"floor": [], "demo": [], "big": []}
    dbs = {"floor": None, "demo": demo, "big": big}
    for r in range(s.repeat + (1 if warmup else 0)):
        for kind in ("floor", "demo", "big"):  # interleaved: the machine's load drifts alike for all
            res = startup_once(kind, dbs[kind], work / f"startup-{kind}", work / f"trace-{kind}.json")
            if warmup and r == 0:
                continue  # compiles bytecode, takes the first automatic backup, warms the file cache
            runs[kind].append(res)
        print(f"  start-up run {r + 1}/{s.repeat + (1 if warmup else 0)} done", flush=True)
    s.raw["startup"] = runs


def rows_startup(s: Suite) -> None:
    runs = s.raw["startup"]

    def med(kind: str, key: str) -> float | None:
        return median([x[key] for x in runs[kind] if x.get(key) is not None])

    def peak(kind: str) -> float | None:
        return max((x["rss_mb"] for x in runs[kind]), default=None)

    floor = med("floor", "painted_s")
    s.rows.append(Row("Start-up floor: empty QMainWindow painted", floor, "s", kind="info", rss_mb=peak("floor")))
    for kind, label, limit in (("demo", "demo database", 0.6), ("big", f"{s.size} activities", 1.0)):
        # the tick that notices "attached" cannot run while the database is being opened, so a mark within
        # a few ticks of the first paint means the opening came before the paint
        attached, first_paint = med(kind, "attached_s"), med(kind, "first_paint_s")
        note = (f"the database was opened and the tabs built before the window's first paint (median: tabs built "
                f"{attached:.2f} s, first paint {first_paint:.2f} s)"
                if attached is not None and first_paint is not None and attached <= first_paint + 0.05 else "")
        s.rows.append(Row(f"Start-up, {label}: window painted", med(kind, "painted_s"), "s", floor, "≤ 2× floor", 2.0,
                          "ratio", peak(kind), note=note))
        s.rows.append(Row(f"Start-up, {label}: data visible", med(kind, "data_visible_s"), "s", floor,
                          f"≤ {limit:.1f} s", limit, "abs", peak(kind)))


# ---- GUI scenarios -----------------------------------------------------------------------------
def gui_child(name: str, big: Path, work: Path, level: str) -> dict[str, Any]:
    home = work / f"gui-{name}"
    home.mkdir(parents=True, exist_ok=True)
    db = home / "copy.sqlite"  # the export stores its snapshot in the database: work on a copy
    shutil.copyfile(big, db)
    out = home / "result.json"
    cmd = [sys.executable, str(BENCH / "gui_scenarios.py"), name, "--db", str(db), "--out", str(out)]
    c = run_child(cmd + ["--level", level], child_env(home), timeout_s=7200)
    check(c, f"GUI scenario {name}")
    db.unlink(missing_ok=True)
    return {**json.loads(out.read_text(encoding="utf-8")), "process_rss_mb": c.rss_mb, "process_cpu_s": c.cpu_s}


def gc_note(items: list[dict[str, Any]] | dict[str, Any], nogc_key: str = "block_nogc_s") -> str:
    """How much of the measured windows was Python's garbage collector (ui/gc_policy.py's timer),
    and the longest block without it."""
    items = items if isinstance(items, list) else [items]
    count = sum(m.get("gc_count", 0) for m in items)
    if not count:
        return ""
    longest = max(m.get("gc_longest_s", 0.0) for m in items)
    nogc = [m[nogc_key]["max"] if isinstance(m.get(nogc_key), dict) else m.get(nogc_key) for m in items]
    text = f"{count} garbage collection(s) of ui/gc_policy.py in the measured window(s), the longest {longest * 1000:.0f} ms"
    if any(v is not None for v in nogc):
        text += f"; without them the longest block is {max(v for v in nogc if v is not None) * 1000:.0f} ms"
    return text + "."


def worst(items: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return max(items, key=lambda x: x[key])


def scenario_portfolio(s: Suite, big: Path, work: Path) -> None:
    s.raw["portfolio"] = gui_child("portfolio", big, work, s.level)


def rows_portfolio(s: Suite) -> None:
    r = s.raw["portfolio"]
    at, rss, floor = f"Portfolio at {s.size}", r["process_rss_mb"], r["idle_floor_s"]
    s.rows.append(Row(f"{at}: open the tab, rows painted", r["open_tab"]["latency_s"], "s", kind="info", rss_mb=rss,
                      note=gc_note(r["open_tab"])))
    keys = r["filter_keystrokes"]
    w = worst(keys, "block_s")
    s.rows.append(Row(f"{at}: filter keystroke (longest block of {len(keys)})", w["block_s"], "s", floor, "≤ 50 ms", 0.050,
                      rss_mb=rss, note=gc_note(keys)))
    s.rows.append(Row(f"{at}: filter keystroke → view updated (median, incl. debounce)",
                      median([k["latency_s"] for k in keys]), "s", kind="info", rss_mb=rss))
    w = worst(r["sorts"], "latency_s")
    s.rows.append(Row(f"{at}: sort (slowest of {len(r['sorts'])}: {w['column']})", w["latency_s"], "s", None,
                      "≤ 300 ms", 0.300, rss_mb=rss, note=gc_note(r["sorts"])))
    s.rows.append(Row(f"{at}: sort (median column)", median([x["latency_s"] for x in r["sorts"]]), "s", kind="info",
                      rss_mb=rss))
    sc = r["scroll"]
    s.rows.append(Row(f"{at}: scroll top → bottom ({sc['steps']} steps, longest block)", sc["block_s"]["max"], "s",
                      floor, "≤ 100 ms", 0.100, rss_mb=rss, note=gc_note(sc)))
    opens = r["open_record"]
    w = worst(opens, "latency_s")
    s.rows.append(Row(f"{at}: open a record (slowest of {len(opens)})", w["latency_s"], "s", None,
                      "≤ 100 ms", 0.100, rss_mb=rss, note=gc_note(opens)))
    s.rows.append(Row(f"{at}: open a record (median)", median([x["latency_s"] for x in opens]), "s",
                      kind="info", rss_mb=rss))
    floor_rss = max((x["rss_mb"] for x in s.raw.get("startup", {}).get("floor", [])), default=None)
    s.rows.append(Row(f"{at}: peak RSS", rss, "MB", floor_rss, "≤ 400 MB", 400, rss_mb=rss))


def scenario_stalls(s: Suite, big: Path, work: Path) -> None:
    s.raw["stalls"] = gui_child("stalls", big, work, s.level)


def rows_stalls(s: Suite) -> None:
    r = s.raw["stalls"]
    floor, rss = r["idle_floor_s"], r["process_rss_mb"]
    at = f"at {s.size}"
    for kind, label in (("demo", "demo database"), ("big", f"{s.size} activities")):
        runs = s.raw.get("startup", {}).get(kind, [])
        stalls = [x["stall_s"] for x in runs if x.get("stall_s") is not None]
        if stalls:
            s.rows.append(Row(f"Stall: start-up, {label} (paint → data)", median(stalls), "s", floor, "≤ 100 ms", 0.100,
                              rss_mb=max(x["rss_mb"] for x in runs)))
    switches = r["tab_switches"]
    w = worst(switches, "block_s")
    s.rows.append(Row(f"Stall: tab switches {at} (worst: {w['tab']})", w["block_s"], "s", floor, "≤ 100 ms", 0.100,
                      rss_mb=rss, note=gc_note(switches)))
    s.rows.append(Row(f"Stall: typing a filter {at}", r["filtering"]["block_s"], "s", floor, "≤ 100 ms", 0.100,
                      rss_mb=rss, note=gc_note(r["filtering"])))
    sorts = r.get("table_sorts") or []
    if sorts:
        w = worst(sorts, "block_s")
        s.rows.append(Row(f"Stall: sorting the Budget, Möten and Avtal lists {at} ({len(sorts)} columns; worst: "
                          f"{w['table']}, {w['column']}, {w['rows']} rows)", w["block_s"], "s", floor, "≤ 100 ms",
                          0.100, rss_mb=rss, note=gc_note(sorts)))
    ex = r["excel_export"]
    where = "opening its dialog" if ex["dialog"]["block_s"] >= ex["block_s"] else "while it ran"
    s.rows.append(Row(f"Stall: Excel export via File menu {at} ({ex['wall_s']:.0f} s)", ex["block_s"], "s", floor,
                      "≤ 100 ms", 0.100, rss_mb=rss,
                      note=f"longest block {where}; the dialog's {ex['dialog']['block_s'] * 1000:.0f} ms. " + gc_note(ex)))
    bk = r["backup"]
    s.rows.append(Row(f"Stall: backup via File menu {at} ({bk['wall_s']:.1f} s)", bk["block_s"], "s", floor,
                      "≤ 100 ms", 0.100, rss_mb=rss, note=gc_note(bk)))


# ---- Excel and PDF (their own benchmarks) ------------------------------------------------------
def excel_child(sizes: list[int], repeat: int, out: Path, inline: bool) -> None:
    """Runs in its own process: benchmarks/export_portfolio.py's bench() at each size (each
    measurement in a fresh process of its own). `inline` (--smoke only): the same functions
    called in this one process, to save the process start-ups; its memory figures mean nothing."""
    sys.path.insert(0, str(BENCH))
    import export_portfolio  # type: ignore[import-not-found]

    def timed(mode: str, db: Path, dest: Path) -> dict[str, float]:
        import resource

        before, t = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        export_portfolio.MODES[mode](db, dest)
        after = resource.getrusage(resource.RUSAGE_SELF)
        return {"seconds": time.perf_counter() - t, "rss_mb": after.ru_maxrss / 1024,
                "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime}

    results = []
    with tempfile.TemporaryDirectory(prefix="samverkan-excel-") as d:
        for n in sizes:
            if not inline:
                results.append(export_portfolio.bench(n, repeat, Path(d)))
                continue
            db = Path(d) / f"inline-{n}.sqlite"
            export_portfolio.generate(db, n)
            timed("export", db, Path(d) / "first.xlsx")  # stores the snapshot the second export compares with
            results.append({"n": n, "export": timed("export", db, Path(d) / "export.xlsx"),
                            "floor": timed("floor", db, Path(d) / "floor.xlsx")})
    out.write_text(json.dumps(results), encoding="utf-8")


def scenario_excel(s: Suite, work: Path, sizes: list[int], repeat: int) -> None:
    out = work / "excel.json"
    c = run_child([sys.executable, str(Path(__file__).resolve()), "--child-excel", ",".join(map(str, sizes)),
                   str(repeat), str(out), "inline" if s.level == "smoke" else "isolated"],
                  child_env(work / "excel"), timeout_s=7200)
    check(c, "Excel benchmark")
    s.raw["excel"] = json.loads(out.read_text(encoding="utf-8"))


def rows_excel(s: Suite) -> None:
    res = s.raw["excel"]
    big = res[-1]
    n = f"{big['n']:,}".replace(",", " ")
    s.rows.append(Row(f"Excel export, {n} activities (CPU)", big["export"]["cpu"], "s", big["floor"]["cpu"],
                      "≤ 1.5× floor", 1.5, "ratio", big["export"]["rss_mb"]))
    if len(res) > 1:
        small = res[0]
        growth = f"{small['n']:,} → {big['n']:,}".replace(",", " ")
        s.rows.append(Row(f"Excel export peak RSS, {growth} activities (floor: at the smaller size)",
                          big["export"]["rss_mb"], "MB", small["export"]["rss_mb"], "≤ 1.25× (constant)", 1.25, "ratio",
                          big["export"]["rss_mb"],
                          note=f"plain openpyxl: {small['floor']['rss_mb']:.0f} → {big['floor']['rss_mb']:.0f} MB"))


def scenario_pdf(s: Suite, work: Path, n: int, runs: int) -> None:
    out = work / "pdf.json"
    c = run_child([sys.executable, str(BENCH / "documents.py"), "--n", str(n), "--single-runs", str(runs), "--json",
                   str(out)], child_env(work / "pdf"), timeout_s=7200)
    if c.rc not in (0, 1):  # 1 = a ratio above 1.3, reported in the table
        check(c, "PDF benchmark")
    s.raw["pdf"] = {**json.loads(out.read_text(encoding="utf-8")), "process_rss_mb": c.rss_mb}


def rows_pdf(s: Suite) -> None:
    res = s.raw["pdf"]
    rss, n = res["process_rss_mb"], res["batch"]["n"]
    s.rows.append(Row("Decision document, 1 (median CPU)", res["single"]["ours_s"], "s", res["single"]["floor_s"],
                      "≤ 1.3× floor", 1.3, "ratio", rss))
    s.rows.append(Row(f"Decision documents, batch of {n} (CPU)", res["batch"]["ours_s"], "s", res["batch"]["floor_s"],
                      "≤ 1.3× floor", 1.3, "ratio", rss))


ROWS: dict[str, Callable[[Suite], None]] = {"startup": rows_startup, "portfolio": rows_portfolio,
                                            "stalls": rows_stalls, "excel": rows_excel, "pdf": rows_pdf}


def build_rows(s: Suite) -> None:
    """The table's rows from the raw figures (after a run, or from a saved --json file)."""
    s.rows.clear()
    for name, make in ROWS.items():
        if name in s.raw and name not in s.errors:
            try:
                make(s)
            except (KeyError, TypeError, ValueError) as exc:
                s.errors[name] = f"cannot read its figures: {type(exc).__name__}: {exc}"


# ---- the table and the document ----------------------------------------------------------------
HEAD = ("scenario", "measured", "floor", "ratio", "target", "met?", "peak RSS")


def table_rows(s: Suite) -> list[tuple[str, ...]]:
    out = []
    for r in s.rows:
        met = {True: "yes", False: "NO", None: "—"}[r.met]
        out.append((r.scenario, fmt(r.measured, r.unit), fmt(r.floor, r.unit),
                    "—" if r.ratio is None else f"{r.ratio:.2f}×", r.target or "—", met, fmt(r.rss_mb, "MB")))
    for name, err in s.errors.items():
        out.append((f"{name}: FAILED", err.strip().splitlines()[-1][:80] if err.strip() else "?", "", "", "", "NO", ""))
    return out


def notes(s: Suite) -> list[str]:
    return [f"{r.scenario}: {r.note.strip()}" for r in s.rows if r.note.strip()]


def text_table(s: Suite) -> str:
    rows = [HEAD, *table_rows(s)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEAD))]
    right = {1, 2, 3, 6}
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(r)))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(s: Suite) -> str:
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "|".join(("---", "---:", "---:", "---:", "---", "---", "---:")) + "|"]
    for r in table_rows(s):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    return "\n".join(lines)


def machine() -> dict[str, str]:
    from importlib import metadata

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    import sqlite3

    return {"cpu": f"{cpu}, {os.cpu_count()} cores", "memory": mem, "os": platform.platform(),
            "python": platform.python_version(), "pyside6": version("PySide6-Essentials"),
            "sqlalchemy": version("SQLAlchemy"), "sqlite": sqlite3.sqlite_version, "openpyxl": version("openpyxl"),
            "reportlab": version("reportlab"), "qpa": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def docs_block(s: Suite, facts: dict[str, str], load: tuple[float, float], started: str, minutes: float) -> str:
    mode = {"full": "full", "quick": "`--quick`", "smoke": "`--smoke`"}[s.level]
    return f"""{BEGIN}
## Benchmark suite

Generated by `benchmarks/run_all.py --write-docs` ({mode} run, {started}, {minutes:.0f} min; everything
between the `suite` markers is rewritten by the next run).

**Machine**: {facts['cpu']}; {facts['memory']} RAM; {facts['os']}.
Python {facts['python']}, PySide6 {facts['pyside6']}, SQLAlchemy {facts['sqlalchemy']}, SQLite {facts['sqlite']},
openpyxl {facts['openpyxl']}, reportlab {facts['reportlab']}; Qt platform `{facts['qpa']}`. Load average (1 min)
{load[0]:.1f} at the start and {load[1]:.1f} at the end: the machine is shared, so every time is read against a
floor measured in the same run, and single figures swing with the load (start-up by ±50 % between runs).

{markdown_table(s)}
{"".join(chr(10) + "- " + line for line in notes(s))}

How each figure is taken:
- **Start-up**: wall time from just before the process is started to the mark, median of {s.repeat} runs
  (after a warm-up run), the application and the floor interleaved. *Window painted*: the first paint
  of the main window has been flushed; *data visible*: the first tab's rows have been painted
  (`samverkan_desktop/ui/startup_trace.py`, switched on by `SAMVERKAN_STARTUP_TRACE`). The floor is
  `benchmarks/startup_floor.py`: a QApplication and an empty 1280 × 800 QMainWindow, shown, first paint.
- **Portfolio**: in one process over the {s.size}-activity database, driven as a user drives it (tab bar click,
  key clicks into the quick filter, `sortByColumn`, the scroll bar, clicks on rows). *Latency*: from the start
  of the action until the GUI is idle again (no background task, no work on the GUI thread for a quiet
  period); *block*: the longest gap between two ticks of a 5 ms timer in that window, i.e. how long the
  window could not react. The filter's latency includes the tab's debounce.
- **Stalls**: the same 5 ms timer. Start-up: from the window's first paint to data visible, median of the
  runs' longest stall. Tab switches: every tab twice (the first visit loads its data). Sorting: every
  visible column of the Budget, Möten and Avtal lists, once each. Filtering: typing
  "klimat" at 80 ms a key, then clearing it. Export and backup: File → Export → Portfolio as Excel
  workbook… and File → Back up…, the save dialog answered, until the background task has finished. The
  floor is the detector's own reading over an idle second (timer interval plus scheduling jitter).
- **Garbage collection**: the application collects on a 10 s GUI-thread timer (`ui/gc_policy.py`); the
  GUI scenarios count the collections inside each measured window (`gc.callbacks`), and the notes under
  the table give the longest block without them.
- **Excel** and **PDF**: `benchmarks/export_portfolio.py` and `benchmarks/documents.py` (each with its own
  floor, CPU seconds; see their sections below), at reduced sizes.
- **Peak RSS**: the maximum resident set of the scenario's own process (`os.wait4`); for Excel the export
  process's own.

Rerun: `.venv/bin/python benchmarks/run_all.py --write-docs` (about {minutes:.0f} minutes here; `--quick` for
fewer repeats and smaller sizes, `--only startup,portfolio` for some scenarios, `--json FILE` for the raw
figures, `--from-json FILE` to redo the table from them). The databases are generated once into
`build/bench-cache/`. `tests/benchmarks/test_suite_smoke.py` runs the whole suite at the smallest size
(`--smoke`) so that it keeps working; it times nothing.
{END}"""


def write_docs(block: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:  # first time: right under the title
        first, _, rest = text.partition("\n")
        text = first + "\n\n" + block + "\n" + rest
    DOC.write_text(text, encoding="utf-8")


# ---- main --------------------------------------------------------------------------------------
def report(s: Suite, meta: dict[str, Any], json_out: Path | None, docs: bool) -> int:
    build_rows(s)
    print()
    print(text_table(s))
    for line in notes(s):
        print(f"  * {line}")
    load = (meta["load_start"], meta["load_end"])
    print(f"\nLoad average {load[0]:.1f} → {load[1]:.1f}; {meta['minutes']:.1f} min. "
          "Times are wall-clock unless marked CPU.")
    if json_out is not None:
        json_out.write_text(json.dumps({"meta": meta, "machine": meta["machine"], "rows": [
            {**r.__dict__, "ratio": r.ratio, "met": r.met} for r in s.rows], "errors": s.errors, "raw": s.raw},
            indent=1, default=str), encoding="utf-8")
    if docs:
        write_docs(docs_block(s, meta["machine"], load, meta["started"], meta["minutes"]))
        print(f"Wrote {DOC.relative_to(ROOT)}")
    return 1 if s.errors else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="fewer repeats and steps, smaller Excel/PDF sizes")
    p.add_argument("--smoke", action="store_true", help="the least that runs every code path, on a 200-activity "
                   "database (tests/benchmarks/test_suite_smoke.py); the figures mean nothing")
    p.add_argument("--write-docs", action="store_true", help="rewrite the suite block of docs/PERFORMANCE.md")
    p.add_argument("--only", default=",".join(SCENARIOS), help="comma-separated: " + ",".join(SCENARIOS))
    p.add_argument("--activities", type=int, help="size of the large database (default 50 000)")
    p.add_argument("--repeat", type=int, help="start-up runs per variant (default 7, --quick 3)")
    p.add_argument("--no-warmup", action="store_true", help="no unmeasured first start-up run")
    p.add_argument("--excel-sizes", help="comma-separated activity counts (default 2000,10000; --quick 500,2500)")
    p.add_argument("--excel-repeat", type=int, help="runs per Excel mode, best kept (default 2, --quick 1)")
    p.add_argument("--pdf-n", type=int, help="documents in the PDF batch (default 100, --quick 20)")
    p.add_argument("--cache-dir", type=Path, default=ROOT / "build" / "bench-cache")
    p.add_argument("--json", type=Path, help="write the rows and the raw figures here")
    p.add_argument("--from-json", type=Path, help="run nothing: the table (and --write-docs) from a saved --json file")
    p.add_argument("--child-excel", nargs=4, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_excel:
        sizes, repeat, out, how = args.child_excel
        excel_child([int(x) for x in sizes.split(",")], int(repeat), Path(out), how == "inline")
        return 0
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        meta = saved["meta"]
        s = Suite(meta["level"], meta["activities"], meta["repeat"], raw=saved["raw"], errors=saved["errors"])
        return report(s, meta, args.json, args.write_docs)

    only = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = set(only) - set(SCENARIOS)
    if unknown:
        p.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    level = "smoke" if args.smoke else "quick" if args.quick else "full"
    preset = {"full": (50_000, 7, "2000,10000", 2, 100), "quick": (50_000, 3, "500,2500", 1, 20),
              "smoke": (200, 1, "30", 1, 1)}[level]
    s = Suite(level, args.activities or preset[0], args.repeat or preset[1])
    excel_sizes = [int(x) for x in (args.excel_sizes or preset[2]).split(",")]
    excel_repeat = args.excel_repeat or preset[3]
    pdf_n = args.pdf_n or preset[4]
    pdf_runs = max(1, min(30, pdf_n // 2))
    warmup = not (args.no_warmup or args.smoke)
    facts = machine()
    load0 = os.getloadavg()[0]
    started = datetime.now().strftime("%Y-%m-%d %H:%M")
    t0 = time.monotonic()
    print(f"Benchmark suite: {facts['cpu']}, load {load0:.1f}, scenarios {', '.join(only)}", flush=True)
    with tempfile.TemporaryDirectory(prefix="samverkan-suite-") as d:
        work = Path(d)
        demo = big = Path()
        if {"startup", "portfolio", "stalls"} & set(only):
            demo, big = ensure_databases(args.cache_dir, s.activities, work)
        steps: list[tuple[str, Callable[[], None]]] = [
            ("startup", lambda: scenario_startup(s, demo, big, work, warmup)),
            ("portfolio", lambda: scenario_portfolio(s, big, work)),
            ("stalls", lambda: scenario_stalls(s, big, work)),
            ("excel", lambda: scenario_excel(s, work, excel_sizes, excel_repeat)),
            ("pdf", lambda: scenario_pdf(s, work, pdf_n, pdf_runs)),
        ]
        for name, step in steps:
            if name not in only:
                continue
            t = time.monotonic()
            print(f"{name} …", flush=True)
            try:
                step()
            except Exception as exc:  # noqa: BLE001 - one failed scenario still leaves the others' rows
                s.errors[name] = f"{type(exc).__name__}: {exc}"
                print(f"{name} FAILED: {exc}", file=sys.stderr, flush=True)
            print(f"{name} done in {time.monotonic() - t:.0f} s", flush=True)
    meta = {"level": s.level, "activities": s.activities, "repeat": s.repeat, "machine": facts, "started": started,
            "minutes": (time.monotonic() - t0) / 60, "load_start": load0, "load_end": os.getloadavg()[0]}
    return report(s, meta, args.json, args.write_docs)


if __name__ == "__main__":
    raise SystemExit(main())
