"""Entry point of the frozen program, for both executables (the windowed
`samverkan-desktop` and the console `samverkan-desktop-cli`): the same `cli.main` as the
`samverkan-desktop` command of a source install. No command opens the window."""

from __future__ import annotations

import os
import sys


def _ensure_streams() -> None:
    """A windowed Windows executable has no console: sys.stdout and sys.stderr are None, and
    argparse or a print would fail. Send them to the null device instead (errors still reach
    the log and the dialogs; the console executable is the one for command-line use)."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


if __name__ == "__main__":
    _ensure_streams()
    from samverkan_desktop.cli import main

    sys.exit(main())
