"""Build something a part at a time, so that no single step blocks the window for long.

The parts are a generator that yields between them (local variables carry over); `step()` runs
the next one, `finish()` the rest at once (when the user needs the thing now). Used for what the
tabs leave out to show sooner (`RecordTab.build_rest`): the agreement form, the portfolio's
detail pane."""

from __future__ import annotations

from collections.abc import Callable, Iterator


class InParts:
    def __init__(self, parts: Callable[[], Iterator[None]]) -> None:
        self._make = parts
        self._left: Iterator[None] | None = None
        self.done = False
        #: True while a part runs (so that code reacting to a missing piece does not re-enter)
        self.running = False

    def step(self) -> bool:
        """Build the next part; False once everything is built."""
        if self.done:
            return False
        if self._left is None:
            self._left = self._make()
        self.running = True
        try:
            next(self._left)
        except StopIteration:
            self.done = True
            self._left = None
            return False
        finally:
            self.running = False
        return True

    def finish(self) -> None:
        while self.step():
            pass
