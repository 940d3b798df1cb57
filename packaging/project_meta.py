"""Name, version and publisher of the packaged program, read from pyproject.toml; shared by
the PyInstaller spec, build.py and the Inno Setup call, so there is one source of truth.

Publisher and copyright default to neutral values; the municipality's IT sets its own with
SAMVERKAN_PUBLISHER (e.g. "Exempels kommun") when building."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"

PRODUCT = "Samverkan Desktop"
GUI_EXE = "samverkan-desktop"  # windowed: what the Start-menu entry opens
CLI_EXE = "samverkan-desktop-cli"  # console: the same program for commands and scripts
#: Inno Setup AppId: identifies the installation for upgrades and uninstall. Never change it.
APP_ID = "{{8C1F4E52-6B7A-4D3C-9E0B-5A2F71D3C6A1}"

#: Non-Python files the program opens at run time: (glob relative to the project root, folder
#: inside the bundle). PyInstaller only follows imports, so each must be listed. The spec
#: bundles these, build.py checks they arrived, tests/packaging checks nothing under
#: resources/ is forgotten.
DATA_FILES: tuple[tuple[str, str], ...] = (
    ("resources/translations/*.qm", "resources/translations"),  # our Swedish UI strings
    ("resources/fonts/*.ttf", "resources/fonts"),  # embedded in the PDFs
    ("resources/fonts/LICENSE*", "resources/fonts"),
    ("resources/icons/*.png", "resources/icons"),  # window icon
    ("resources/icons/*.ico", "resources/icons"),
    ("resources/templates/*.xlsx", "resources/templates"),  # the portfolio import template
    # Alembic reads env.py and the revisions as source files at run time (db/migrate.py
    # points it at the folder beside the package), so they are data as well as code.
    ("samverkan_desktop/db/migrations/env.py", "samverkan_desktop/db/migrations"),
    ("samverkan_desktop/db/migrations/script.py.mako", "samverkan_desktop/db/migrations"),
    ("samverkan_desktop/db/migrations/versions/*.py", "samverkan_desktop/db/migrations/versions"),
)
#: Files under resources/ that are deliberately not bundled (sources of bundled files).
NOT_BUNDLED: tuple[str, ...] = ("resources/translations/*.ts", "resources/templates/README.md")


def data_files(root: Path | None = None) -> list[tuple[Path, str]]:
    """(source file, folder inside the bundle) for every DATA_FILES match. A pattern that
    matches nothing is an error: a moved resource is noticed at build time, not on a laptop."""
    root = root or ROOT
    out: list[tuple[Path, str]] = []
    for pattern, dest in DATA_FILES:
        found = sorted(p for p in root.glob(pattern) if p.is_file())
        if not found:
            raise FileNotFoundError(f"nothing matches {pattern}")
        out += [(p, dest) for p in found]
    return out


@dataclass(frozen=True)
class Meta:
    dist_name: str  # "samverkan-desktop"
    version: str  # "0.1.0", as in pyproject
    description: str
    publisher: str

    @property
    def version_tuple(self) -> tuple[int, int, int, int]:
        """Four numbers for the Windows version resource: "1.2.3rc1" -> (1, 2, 3, 0)."""
        nums = []
        for part in self.version.split("+")[0].split(".")[:3]:
            m = re.match(r"\d+", part)
            nums.append(int(m.group()) if m else 0)
        a, b, c, d = (nums + [0, 0, 0, 0])[:4]
        return (a, b, c, d)

    @property
    def copyright(self) -> str:
        return f"© {self.publisher}"


def read_meta(pyproject: Path | None = None) -> Meta:
    data = tomllib.loads((pyproject or ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    return Meta(dist_name=project["name"], version=project["version"],
                description=project.get("description", PRODUCT),
                publisher=os.environ.get("SAMVERKAN_PUBLISHER", "").strip() or PRODUCT)


def render_version_info(meta: Meta, exe_name: str) -> str:
    """The VSVersionInfo text for one executable (packaging/version_info.txt.in filled in)."""
    template = Template((PACKAGING / "version_info.txt.in").read_text(encoding="utf-8"))

    def q(text: str) -> str:  # the file is Python syntax; values go inside '...'
        return text.replace("\\", "\\\\").replace("'", "\\'")

    return template.substitute(
        filevers=", ".join(str(n) for n in meta.version_tuple),
        company=q(meta.publisher),
        description=q(PRODUCT if exe_name == GUI_EXE else f"{PRODUCT} (kommandorad)"),
        version=q(meta.version),
        internal_name=q(exe_name),
        copyright=q(meta.copyright),
        original_filename=q(f"{exe_name}.exe"),
        product=q(PRODUCT),
    )
