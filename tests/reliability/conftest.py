"""Shared helpers of the reliability tests: the crash harness module, and a figures report.

Set SAMVERKAN_RELIABILITY_REPORT=/path/file.jsonl to collect each test's figures (one JSON
object per line); docs/RELIABILITY.md is written from such a run."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent


def load_local(name: str) -> ModuleType:
    """Import a module of this folder by path (the tests folder is not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def harness() -> ModuleType:
    return load_local("crash_harness")


@pytest.fixture
def report(request: pytest.FixtureRequest) -> Callable[[dict[str, Any]], None]:
    def write(figures: dict[str, Any]) -> None:
        target = os.environ.get("SAMVERKAN_RELIABILITY_REPORT")
        if not target:
            return
        line = {"test": request.node.nodeid, "at": datetime.now().isoformat(timespec="seconds"), **figures}
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")

    return write
