"""InParts: a generator of build steps run one at a time, or the rest at once."""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_desktop.ui.in_parts import InParts


def test_parts_run_one_step_at_a_time_then_the_rest_at_once() -> None:
    built: list[str] = []
    seen_running: list[bool] = []

    def parts() -> Iterator[None]:
        built.append("header")
        seen_running.append(holder.running)
        yield
        built.append("pages")
        yield
        built.append("layout")

    holder = InParts(parts)
    assert built == [] and not holder.done  # nothing until asked
    assert holder.step() and built == ["header"] and seen_running == [True] and not holder.running
    holder.finish()
    assert built == ["header", "pages", "layout"] and holder.done
    assert not holder.step() and built == ["header", "pages", "layout"]  # never twice
