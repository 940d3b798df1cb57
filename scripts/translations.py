"""Update the Qt Linguist sources and compile them.

    python scripts/translations.py            # lupdate every area, then lrelease
    python scripts/translations.py --check    # exit 1 if a .ts is out of date (used by a test)
    python scripts/translations.py --area core  # one area only

Each area has its own `resources/translations/<area>_sv.ts` (source text is English, the
translation Swedish), so people working on different screens never edit the same file.
The app loads every `*_sv.qm` in that folder."""

from __future__ import annotations

import argparse
import fnmatch
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "samverkan_desktop" / "ui"
TS_DIR = ROOT / "resources" / "translations"

#: area → file-name patterns under samverkan_desktop/ui (first match wins, "core" takes the rest)
AREAS: dict[str, list[str]] = {
    "agreements": ["*agreement*.py"],
    "portfolio": ["*portfolio*.py", "*activit*.py", "*budget_grid*.py"],
    "meetings": ["*meeting*.py"],
    "documents": ["*document*.py", "*print*.py", "*export*.py", "*import*.py"],
    "core": ["*.py"],
}


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else name


def sources_by_area() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {a: [] for a in AREAS}
    for f in sorted(UI.rglob("*.py")):
        for area, patterns in AREAS.items():
            if any(fnmatch.fnmatch(f.name, p) for p in patterns):
                out[area].append(f)
                break
    return out


def lupdate(area: str, files: list[Path], ts: Path) -> None:
    if not files:
        return
    subprocess.run([_tool("pyside6-lupdate"), *map(str, files), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", "sv_SE", "-ts", str(ts)],
                   check=True, capture_output=True)


def lrelease(ts: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                   capture_output=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--area", action="append", help="only this area (repeatable); default: all")
    args = ap.parse_args()
    TS_DIR.mkdir(parents=True, exist_ok=True)
    stale = []
    for area, files in sources_by_area().items():
        if args.area and area not in args.area:
            continue
        ts = TS_DIR / f"{area}_sv.ts"
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / ts.name
                if ts.exists():
                    shutil.copyfile(ts, copy)
                lupdate(area, files, copy)
                if files and (not ts.exists() or copy.read_text(encoding="utf-8") != ts.read_text(encoding="utf-8")):
                    stale.append(ts.name)
            continue
        lupdate(area, files, ts)
        if ts.exists():
            lrelease(ts)
    if stale:
        print("Out of date (run python scripts/translations.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
