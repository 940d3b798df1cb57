"""Long work (exports, imports, documents) is written as a generator that yields Progress and
returns its result; the GUI runs it on a worker thread, the CLI just drives it to the end.
Cancellation: the consumer stops iterating (generator.close()), or passes a `cancelled`
callable that the work checks between steps and answers by raising Cancelled."""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str = ""


class Cancelled(Exception):
    """The user cancelled; partial output has been removed."""


Work = Generator[Progress, None, R]


def run_to_end(work: Generator[Progress, None, R], on_progress: Callable[[Progress], None] | None = None) -> R:
    """Drive a work generator to completion and return its result."""
    while True:
        try:
            p = next(work)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        if on_progress is not None:
            on_progress(p)
