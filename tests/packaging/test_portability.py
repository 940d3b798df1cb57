"""The program must run on Windows: no POSIX-only calls without a Windows branch, no
hard-coded Unix paths, and file paths built with pathlib (not by gluing strings with "/")."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "samverkan_desktop"

#: os functions that do not exist on Windows, or do something else there (os.kill(pid, 0)
#: terminates the process on Windows; os.link/os.symlink fail on FAT, shares or without privilege).
POSIX_ONLY_OS = {
    "fork", "forkpty", "openpty", "getuid", "geteuid", "getgid", "getegid", "getgroups", "setuid",
    "setgid", "seteuid", "setegid", "setsid", "getsid", "getpgid", "setpgid", "getpgrp", "killpg",
    "chown", "lchown", "fchown", "mkfifo", "mknod", "nice", "getloadavg", "statvfs", "fstatvfs",
    "sync", "uname", "wait3", "wait4", "sysconf", "pathconf", "fpathconf", "sched_getaffinity",
    "posix_spawn", "posix_spawnp", "getpriority", "setpriority", "ctermid", "ttyname", "kill", "link",
    "symlink", "system", "popen", "startfile",
}
#: Modules that only exist on POSIX.
POSIX_ONLY_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "posix", "tty", "pty", "crypt",
                      "syslog", "curses", "readline"}
#: Signals Windows does not have.
POSIX_ONLY_SIGNAL = {"SIGKILL", "SIGHUP", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGPIPE", "SIGQUIT",
                     "SIGSTOP", "SIGCONT", "alarm", "setitimer", "pause", "sigwait", "siginterrupt"}
#: Strings that are Unix paths (or shell helpers) and mean nothing on Windows.
UNIX_PATH_PREFIXES = ("/tmp", "/var/", "/dev/", "/home/", "/etc/", "/usr/", "/proc/", "/opt/", "~/", "~\\")
UNIX_HELPERS = {"xdg-open", "open", "sh", "bash", "/bin/sh"}

#: Modules that build the program's own file paths (data folder, database, backups, lock,
#: preferences, log, exported and attached files).
DATA_PATH_MODULES = ["paths.py", "settings.py", "logging_setup.py", "db/*.py", "services/documents.py",
                     "services/agreements.py", "exporters/documents_cli.py", "exporters/workbook.py",
                     "exporters/template.py", "ui/dialogs/backup.py"]


#: Deliberate string handling of paths, with the reason (module, source snippet).
PATH_STRING_ALLOWED = {
    ("db/location.py", "mnt.rstrip('/') + '/'"): "matching Linux /proc/mounts lines, which are text",
    ("db/location.py", "drive + '\\\\'"): "GetDriveTypeW needs the root as text, 'C:\\'",
}


def _sources() -> Iterator[Path]:
    for p in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in p.parts:
            yield p


def _is_platform_test(node: ast.expr) -> bool:
    text = ast.unparse(node).lower()
    return any(k in text for k in ("platform", "os.name", "is_win", "windows", "win32", "'nt'", '"nt"', "posix"))


def _handles(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"BaseException"}
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {ast.unparse(n).split(".")[-1] for n in names}


def _ends_early(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], (ast.Return, ast.Raise, ast.Continue, ast.Break))


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside an `if <platform test>` (either branch), after an `if <platform test>: ... return`,
    or inside a `try` that catches the error a Windows run would raise."""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.If) and _is_platform_test(parent.test):
            return True
        if isinstance(parent, ast.IfExp) and _is_platform_test(parent.test):
            return True
        if isinstance(parent, ast.Try) and child in parent.body:
            caught = set().union(*(_handles(h) for h in parent.handlers)) if parent.handlers else set()
            if caught & {"ImportError", "ModuleNotFoundError", "AttributeError", "OSError", "NotImplementedError",
                         "Exception", "BaseException"}:
                return True
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and child in block:
                for earlier in block[:block.index(child)]:
                    if isinstance(earlier, ast.If) and _is_platform_test(earlier.test) and _ends_early(earlier.body):
                        return True
        child, parent = parent, parents.get(parent)
    return False


def _docstrings(tree: ast.Module) -> set[int]:
    ids: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.body:
            first = n.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


#: A cheap text filter first: only sources mentioning one of these are parsed.
_SUSPECT = re.compile(
    r"\bos\.(?:" + "|".join(sorted(POSIX_ONLY_OS)) + r")\b"
    r"|\bfrom\s+os\s+import\b"
    r"|\b(?:import|from)\s+(?:" + "|".join(sorted(POSIX_ONLY_MODULES)) + r")\b"
    r"|\bsignal\.(?:" + "|".join(sorted(POSIX_ONLY_SIGNAL)) + r")\b"
    r"|[\"'](?:" + "|".join(re.escape(p) for p in UNIX_PATH_PREFIXES) + r")"
    r"|[\"'](?:" + "|".join(re.escape(h) for h in sorted(UNIX_HELPERS)) + r")[\"']")


def posix_only_uses(source: str, filename: str = "<src>") -> list[str]:
    """Problems in one module's source (empty list: portable)."""
    if not _SUSPECT.search(source):
        return []
    tree = ast.parse(source, filename)
    parents = {c: p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    docs = _docstrings(tree)
    problems: list[str] = []

    def report(node: ast.AST, what: str) -> None:
        if not _guarded(node, parents):
            problems.append(f"{filename}:{getattr(node, 'lineno', '?')}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in POSIX_ONLY_MODULES:
                    report(node, f"import {alias.name} (POSIX only)")
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in POSIX_ONLY_MODULES:
                report(node, f"from {node.module} import … (POSIX only)")
            if node.module == "os":
                for alias in node.names:
                    if alias.name in POSIX_ONLY_OS:
                        report(node, f"from os import {alias.name} (POSIX only)")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "os" and node.attr in POSIX_ONLY_OS:
                report(node, f"os.{node.attr} (POSIX only or different on Windows)")
            if node.value.id == "signal" and node.attr in POSIX_ONLY_SIGNAL:
                report(node, f"signal.{node.attr} (not on Windows)")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            text = node.value
            if text.startswith(UNIX_PATH_PREFIXES):
                report(node, f"hard-coded Unix path {text[:30]!r}")
            elif text in UNIX_HELPERS and isinstance(parents.get(node), (ast.List, ast.Tuple, ast.Call)):
                report(node, f"Unix helper program {text!r} (use QDesktopServices / os.startfile)")
    return problems


def string_path_concatenation(source: str, filename: str = "<src>") -> list[str]:
    """`folder + "/" + name`, `f"{folder}/{name}"`, os.path.join: use pathlib's `/` instead."""
    tree = ast.parse(source, filename)
    problems: list[str] = []
    module = filename.replace("\\", "/").removeprefix("samverkan_desktop/")

    def slashy(n: ast.AST) -> bool:
        return (isinstance(n, ast.Constant) and isinstance(n.value, str) and ("/" in n.value or "\\" in n.value)
                and "://" not in n.value and ":///" not in n.value)

    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (slashy(node.left) or slashy(node.right)):
            if (module, ast.unparse(node)) in PATH_STRING_ALLOWED:
                continue
            problems.append(f"{filename}:{node.lineno}: string path concatenation {ast.unparse(node)[:60]}")
        elif isinstance(node, ast.JoinedStr):
            parts = node.values
            for i, part in enumerate(parts[1:-1], start=1):
                if (isinstance(part, ast.Constant) and isinstance(part.value, str) and part.value in ("/", "\\")
                        and isinstance(parts[i - 1], ast.FormattedValue) and isinstance(parts[i + 1], ast.FormattedValue)):
                    problems.append(f"{filename}:{node.lineno}: f-string path {ast.unparse(node)[:60]}")
        elif isinstance(node, ast.Attribute) and ast.unparse(node) == "os.path.join":
            problems.append(f"{filename}:{node.lineno}: os.path.join (use pathlib)")
    return problems


# ---- the checks themselves are checked ------------------------------------------------------


@pytest.mark.parametrize("code", [
    "import os\nos.fork()",
    "import fcntl",
    "import os\nos.kill(pid, 0)",
    "import os\npid = os.getuid()",
    "p = '/tmp/samverkan.sqlite'",
    "import os\nos.path.expanduser('~/samverkan')",
    "import signal\nsignal.signal(signal.SIGALRM, h)",
    "import subprocess\nsubprocess.run(['xdg-open', path])",
])
def test_the_portability_check_catches(code: str) -> None:
    assert posix_only_uses(code)


@pytest.mark.parametrize("code", [
    "import os\nif os.name == 'nt':\n    import msvcrt\nelse:\n    import fcntl",
    "import os\ndef alive(pid):\n    if os.name == 'nt':\n        return win(pid)\n    os.kill(pid, 0)",
    "import os\ntry:\n    os.link(a, b)\nexcept OSError:\n    copy(a, b)",
    "def f():\n    '''Writes to /tmp on Linux.'''",
    "url = 'sqlite:///' + str(path)",
])
def test_the_portability_check_allows(code: str) -> None:
    assert posix_only_uses(code) == []
    assert string_path_concatenation(code) == []


@pytest.mark.parametrize("code", [
    "p = folder + '/' + name",
    "p = f'{folder}/{name}'",
    "import os\np = os.path.join(a, b)",
])
def test_the_path_check_catches(code: str) -> None:
    assert string_path_concatenation(code)


# ---- the program ---------------------------------------------------------------------------


def test_no_posix_only_calls_in_the_program() -> None:
    problems = [p for src in _sources()
                for p in posix_only_uses(src.read_text(encoding="utf-8"), str(src.relative_to(PACKAGE.parent)))]
    assert problems == [], "POSIX-only code without a Windows branch:\n" + "\n".join(problems)


def test_data_paths_are_built_with_pathlib() -> None:
    files = sorted({p for pattern in DATA_PATH_MODULES for p in PACKAGE.glob(pattern)})
    assert len(files) >= 8, files
    problems = [p for src in files
                for p in string_path_concatenation(src.read_text(encoding="utf-8"), str(src.relative_to(PACKAGE.parent)))]
    assert problems == [], "file paths built from strings:\n" + "\n".join(problems)


def test_the_data_folder_code_does_not_need_qt() -> None:
    """paths.py decides the data folder without Qt (the CLI and the smoke test run without it);
    it must agree with the documented Windows location, %LOCALAPPDATA%\\Samverkan Desktop."""
    src = (PACKAGE / "paths.py").read_text(encoding="utf-8")
    assert "PySide6" not in src
    assert '"LOCALAPPDATA"' in src and 'APP_DIR_NAME = "Samverkan Desktop"' in src


@pytest.mark.parametrize(("title", "expected"), [
    ("CON", "_CON"), ("con.pdf", "_con.pdf"), ("Lpt1", "_Lpt1"), ("NUL .txt", "_NUL .txt"),
    ("Beslutsunderlag: Trygg skolväg?", "Beslutsunderlag- Trygg skolväg-"), ("Console", "Console"),
    ("COM10", "COM10"), ("  . ", "dokument"), ("Åtgärd/plan*", "Åtgärd-plan-"),
])
def test_document_file_names_are_valid_on_windows(title: str, expected: str) -> None:
    from samverkan_desktop.exporters.pdf_base import safe_filename

    assert safe_filename(title) == expected
