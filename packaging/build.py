"""Build the Windows (or Linux) bundle, smoke-test the frozen program, then build the installer.

    .venv/bin/python packaging/build.py                 # Linux / CI
    .venv\\Scripts\\python packaging\\build.py            # Windows (see docs/INSTALL.md)

Options: --skip-build (test the existing dist/ folder), --no-smoke, --no-installer,
--clean (PyInstaller's --clean), --report FILE (figures as JSON; default build/packaging-report.json).

Steps:
 1. PyInstaller with packaging/samverkan.spec -> dist/samverkan-desktop/ (two executables).
 2. Bundle check: every resource the program loads is inside, nothing we excluded crept back,
    and no unconditional import of ours (or of a Qt binding we use) went missing.
 3. Smoke test of the frozen program, run from a copy of the bundle in a folder whose name has
    spaces and å/ä/ö (like C:\\Users\\Åsa Öberg\\...), with data in such a folder too:
    --version, demo data into a new database, check, export portfolio (.xlsx, opened again
    with openpyxl) and a decision document (.pdf), the PostgreSQL driver loads, and the window
    starts offscreen and quits with exit code 0 (SAMVERKAN_QUIT_AFTER_MS, see ui/application.py).
 4. Inno Setup (iscc) -> dist/SamverkanDesktop-<version>-setup.exe, when iscc is installed
    (Windows only); otherwise a clear "skipped" line.
Exit code 0 only if every step that ran passed."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import project_meta  # noqa: E402

ROOT = project_meta.ROOT
SPEC = ROOT / "packaging" / "samverkan.spec"
ISS = ROOT / "packaging" / "samverkan.iss"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
IS_WIN = sys.platform == "win32"
EXE_SUFFIX = ".exe" if IS_WIN else ""
TODAY = "2026-11-28"  # the demo data is written relative to this date
GUI_QUIT_ENV = "SAMVERKAN_QUIT_AFTER_MS"


class SmokeFailure(Exception):
    pass


def log(msg: str) -> None:
    print(f"[build] {msg}", flush=True)


def bundle_dir() -> Path:
    return DIST / project_meta.GUI_EXE


#: The copy of the bundle the smoke test runs (in a folder with spaces and å/ä/ö, as under
#: C:\Users\Åsa Öberg\AppData\Local\Programs); None: dist/ itself.
_under_test: Path | None = None


def exe(name: str) -> Path:
    return (_under_test or bundle_dir()) / f"{name}{EXE_SUFFIX}"


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)  # same file system: instant, no extra space
    except OSError:
        shutil.copy2(src, dst)


def relocated_bundle() -> Path:
    """A copy of the bundle under build/ in a folder whose name has spaces and å/ä/ö."""
    target = ROOT / "build" / "smoke Program åäö" / project_meta.PRODUCT
    shutil.rmtree(target.parent, ignore_errors=True)
    shutil.copytree(bundle_dir(), target, symlinks=True, copy_function=_link_or_copy)
    return target


def internal_dir() -> Path:
    return bundle_dir() / "_internal"


def folder_size(path: Path) -> tuple[int, int]:
    total = count = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
            count += 1
    return total, count


# ---------------------------------------------------------------------------------------------
# 1. PyInstaller


def run_pyinstaller(clean: bool) -> float:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK)]
    if clean:
        cmd.append("--clean")
    cmd.append(str(SPEC))
    log("PyInstaller: " + " ".join(cmd[2:]))
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True)
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------------
# 2. What must (and must not) be inside the bundle


def expected_resources() -> list[str]:
    """Paths inside _internal/ of the files the program opens at run time (project_meta.DATA_FILES)."""
    try:
        files = project_meta.data_files()
    except FileNotFoundError as exc:
        raise SmokeFailure(f"the source tree lacks a resource: {exc}") from exc
    return [f"{dest}/{src.name}" for src, dest in files]


def missing_imports(warn_text: str) -> list[str]:
    """Modules our code (or a Qt binding we use) imports unconditionally that PyInstaller could
    not find or was told to exclude: the frozen program would fail when it reaches that import,
    possibly only in a dialog the smoke test never opens. From PyInstaller's warn-*.txt."""
    problems = []
    for line in warn_text.splitlines():
        m = re.match(r"(missing|excluded) module named (\S+) - imported by (.*)$", line)
        if not m:
            continue
        for importer, kinds in re.findall(r"([\w.]+) \(([^)]*)\)", m.group(3)):
            if not importer.startswith(("samverkan_desktop", "PySide6.")):
                continue
            if {"conditional", "optional"} & {k.strip() for k in kinds.split(",")}:
                continue
            problems.append(f"{m.group(1)} module {m.group(2)}, imported by {importer} ({kinds})")
    return problems


def check_bundle() -> list[str]:
    """Problems with the bundle's content (empty list: fine)."""
    problems: list[str] = []
    internal = internal_dir()
    warn = WORK / SPEC.stem / f"warn-{SPEC.stem}.txt"
    if warn.is_file():
        problems += missing_imports(warn.read_text(encoding="utf-8", errors="replace"))
    for name in (project_meta.GUI_EXE, project_meta.CLI_EXE):
        if not exe(name).is_file():
            problems.append(f"missing executable {exe(name).name}")
    for rel in expected_resources():
        if not (internal / rel).is_file():
            problems.append(f"missing from the bundle: {rel}")
    qt_dir = internal / "PySide6" / ("" if IS_WIN else "Qt")
    if not list((qt_dir / "translations").glob("qtbase_sv.qm")):
        problems.append("missing Qt's own Swedish translation (PySide6 translations/qtbase_sv.qm)")
    other_langs = [p.name for p in (qt_dir / "translations").glob("*.qm")
                   if not p.stem.endswith(("_sv", "_en"))]
    if other_langs:
        problems.append(f"Qt translations other than Swedish/English were bundled: {other_langs[:5]}")
    platforms = {p.name for p in (qt_dir / "plugins" / "platforms").glob("*")}
    need = {"qwindows.dll", "qoffscreen.dll"} if IS_WIN else {"libqxcb.so", "libqoffscreen.so"}
    if not need <= platforms:
        problems.append(f"Qt platform plugins missing: {sorted(need - platforms)} (have {sorted(platforms)})")
    unwanted = [p.relative_to(internal).as_posix() for p in internal.rglob("*")
                if any(k in p.name for k in ("Qt6Qml", "Qt6Quick", "WebEngine", "QtQml", "QtQuick",
                                             "VirtualKeyboard", "virtualkeyboard"))]
    if unwanted:
        problems.append(f"excluded Qt modules were bundled: {unwanted[:5]} (see _UNUSED_BINARIES in the spec)")
    return problems


# ---------------------------------------------------------------------------------------------
# 3. Smoke test of the frozen program


def frozen_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SAMVERKAN_DATA_DIR"] = str(data_dir)  # never the real user's data folder
    if not IS_WIN:  # window state (QSettings) too; on Windows it lives in HKCU\Software\Samverkan
        env["XDG_CONFIG_HOME"] = str(data_dir / "config")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONHOME", None)
    return env


def run_frozen(args: list[str], env: dict[str, str], *, program: str = project_meta.CLI_EXE,
               expect: int = 0, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    cmd = [str(exe(program)), *args]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"{' '.join(cmd[1:])}: no exit after {timeout:.0f} s") from exc
    took = time.perf_counter() - start
    if proc.returncode != expect:
        raise SmokeFailure(f"{Path(cmd[0]).name} {' '.join(args)}: exit {proc.returncode} (expected {expect})\n"
                           f"stdout: {proc.stdout.strip()[-2000:]}\nstderr: {proc.stderr.strip()[-2000:]}")
    return proc, took


def smoke_test(report: dict[str, object], gui_runs: int = 3) -> None:
    global _under_test
    _under_test = relocated_bundle()
    log(f"smoke: running the bundle from {_under_test}")
    try:
        _smoke_test(report, gui_runs)
    finally:
        shutil.rmtree(_under_test.parent, ignore_errors=True)
        _under_test = None


def _smoke_test(report: dict[str, object], gui_runs: int) -> None:
    meta = project_meta.read_meta()
    base = Path(tempfile.mkdtemp(prefix="samverkan smoke "))
    work = base / "Mina filer åäö"
    work.mkdir()
    env = frozen_env(base / "data")
    db = work / "Samverkan åäö.sqlite"
    common = ["--db", str(db), "--today", TODAY]
    try:
        proc, took = run_frozen(["--version"], env)
        if meta.version not in proc.stdout + proc.stderr:
            raise SmokeFailure(f"--version printed {proc.stdout!r}, expected {meta.version}")
        report["cli_version_seconds"] = round(took, 2)
        log(f"smoke: --version ok ({took:.2f} s)")

        _, took = run_frozen([*common, "demo"], env)
        log(f"smoke: demo data loaded ({took:.2f} s)")
        proc, took = run_frozen([*common, "check"], env)
        if "Integritetskontroll: ok" not in proc.stdout:
            raise SmokeFailure(f"check did not report ok:\n{proc.stdout}")
        log(f"smoke: check ok ({took:.2f} s)")

        xlsx = work / "Portfölj 2026 – kommunstyrelsen.xlsx"
        _, took = run_frozen([*common, "export", "portfolio", "--out", str(xlsx)], env)
        with zipfile.ZipFile(xlsx) as z:
            if "xl/workbook.xml" not in z.namelist():
                raise SmokeFailure(f"{xlsx.name} is not an Excel workbook")
        try:
            import openpyxl
        except ImportError:
            sheets = ["(openpyxl not installed here; zip structure checked)"]
        else:
            sheets = openpyxl.load_workbook(xlsx, read_only=True).sheetnames
            if not sheets:
                raise SmokeFailure(f"{xlsx.name} has no sheets")
        report["export_portfolio_seconds"] = round(took, 2)
        log(f"smoke: export portfolio ok ({took:.2f} s, {xlsx.stat().st_size} bytes, sheets {sheets})")

        proc, _ = run_frozen([*common, "list", "activities", "--format", "json"], env)
        activities = json.loads(proc.stdout)
        # A decision document needs a granted activity; try those first, then the rest.
        ordered = sorted(activities, key=lambda a: not str(a.get("stage", "")).startswith("beviljad"))
        pdf = work / "Beslutsunderlag ärende.pdf"
        last_err = "the demo data has no activities"
        for act in ordered:
            try:
                _, took = run_frozen([*common, "export", "decision", "--activity", str(act["id"]),
                                      "--out", str(pdf)], env)
            except SmokeFailure as exc:
                last_err = str(exc)
                continue
            break
        else:
            raise SmokeFailure(f"no activity produced a decision document; last error: {last_err}")
        if not pdf.read_bytes().startswith(b"%PDF-") or pdf.stat().st_size < 2000:
            raise SmokeFailure(f"{pdf.name} is not a PDF")
        report["export_decision_seconds"] = round(took, 2)
        log(f"smoke: export decision (activity {act['id']}) ok ({took:.2f} s, {pdf.stat().st_size} bytes)")

        # The PostgreSQL driver and dialect are bundled: an unreachable server must give the
        # program's own "cannot reach" message, not a missing-module error.
        proc, _ = run_frozen(["--db", "postgresql+psycopg://smoke@127.0.0.1:9/none", "check"], env, expect=1)
        bad = [s for s in ("No module named", "NoSuchModuleError", "Can't load plugin", "oväntat fel")
               if s in proc.stderr]
        if bad:
            raise SmokeFailure(f"PostgreSQL driver not usable in the bundle: {proc.stderr.strip()}")
        log("smoke: PostgreSQL driver loads (connection refused, as intended)")

        # The window: shown offscreen, the database opened, then quit (ui/application.py honours
        # SAMVERKAN_QUIT_AFTER_MS); exit code 0 and no hang. Timed: process start to exit.
        genv = dict(env, **{GUI_QUIT_ENV: "0"})
        gui_times: list[float] = []
        for _ in range(max(gui_runs, 1)):
            _, took = run_frozen(common, genv, program=project_meta.GUI_EXE, timeout=90)
            gui_times.append(took)
        report["gui_start_to_quit_seconds"] = [round(t, 2) for t in gui_times]
        log(f"smoke: window started offscreen and quit with 0 "
            f"(start→window→quit {min(gui_times):.2f}–{max(gui_times):.2f} s, median "
            f"{statistics.median(gui_times):.2f} s over {len(gui_times)} runs)")

        log_file = base / "data" / "samverkan.log"
        if log_file.exists() and ("Traceback" in (text := log_file.read_text(encoding="utf-8", errors="replace"))
                                  or "Unexpected error" in text):
            raise SmokeFailure(f"the program logged an unexpected error:\n{text[-3000:]}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# 4. Installer


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    if IS_WIN:
        candidates = [Path(os.environ.get("LOCALAPPDATA", "")) / "Programs" / "Inno Setup 6" / "ISCC.exe"]
        for var in ("ProgramFiles(x86)", "ProgramFiles"):
            if os.environ.get(var):
                candidates.append(Path(os.environ[var]) / "Inno Setup 6" / "ISCC.exe")
        for c in candidates:
            if c.is_file():
                return c
    return None


def iscc_command(iscc: Path, meta: project_meta.Meta) -> list[str]:
    return [str(iscc), "/Qp",
            f"/DAppVersion={meta.version}",
            f"/DAppVersionNumeric={'.'.join(str(n) for n in meta.version_tuple)}",
            f"/DAppPublisher={meta.publisher}",
            f"/DSourceDir={bundle_dir()}",
            f"/DOutputDir={DIST}",
            str(ISS)]


def build_installer(report: dict[str, object]) -> None:
    iscc = find_iscc()
    if iscc is None or not IS_WIN:
        why = "not on Windows" if not IS_WIN else "iscc (Inno Setup 6.5+) not found on PATH or in the usual places"
        log(f"installer: SKIPPED ({why}); the bundle in {bundle_dir()} is complete")
        report["installer"] = None
        return
    meta = project_meta.read_meta()
    start = time.perf_counter()
    subprocess.run(iscc_command(iscc, meta), cwd=ROOT / "packaging", check=True)
    setup = DIST / f"SamverkanDesktop-{meta.version}-setup.exe"
    report["installer"] = {"file": setup.name, "bytes": setup.stat().st_size,
                           "seconds": round(time.perf_counter() - start, 1)}
    log(f"installer: {setup} ({setup.stat().st_size / 1e6:.1f} MB)")


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skip-build", action="store_true", help="test the existing dist/ folder")
    ap.add_argument("--clean", action="store_true", help="PyInstaller --clean (no cache)")
    ap.add_argument("--no-smoke", action="store_true")
    ap.add_argument("--no-installer", action="store_true")
    ap.add_argument("--gui-runs", type=int, default=3, help="window start-up measurements (default 3)")
    ap.add_argument("--report", type=Path, default=ROOT / "build" / "packaging-report.json")
    args = ap.parse_args(argv)

    meta = project_meta.read_meta()
    report: dict[str, object] = {"version": meta.version, "platform": sys.platform,
                                 "python": ".".join(map(str, sys.version_info[:3]))}
    total_start = time.perf_counter()
    try:
        if not args.skip_build:
            report["build_seconds"] = round(run_pyinstaller(args.clean), 1)
            log(f"bundle built in {report['build_seconds']} s")
        if not bundle_dir().is_dir():
            raise SmokeFailure(f"no bundle at {bundle_dir()}; run without --skip-build")
        size, count = folder_size(bundle_dir())
        report["bundle_bytes"], report["bundle_files"] = size, count
        log(f"bundle: {bundle_dir()} — {size / 1e6:.0f} MB in {count} files")
        problems = check_bundle()
        if problems:
            raise SmokeFailure("bundle check failed:\n  " + "\n  ".join(problems))
        log("bundle check ok (resources, migrations, Qt Swedish, platform plugins; no QML/Quick/WebEngine)")
        if not args.no_smoke:
            start = time.perf_counter()
            smoke_test(report, args.gui_runs)
            report["smoke_seconds"] = round(time.perf_counter() - start, 1)
            log(f"smoke test passed in {report['smoke_seconds']} s")
        if not args.no_installer:
            build_installer(report)
    except SmokeFailure as exc:
        log(f"FAILED: {exc}")
        return 1
    except subprocess.CalledProcessError as exc:
        log(f"FAILED: {exc}")
        return 1
    finally:
        report["total_seconds"] = round(time.perf_counter() - total_start, 1)
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    log(f"done in {report['total_seconds']} s; figures in {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
