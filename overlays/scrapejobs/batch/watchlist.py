"""The jobs a run watches, each with the input it was made for, until its outcome is recorded."""

from __future__ import annotations

from collections.abc import Callable

from scrapejobs.batch.inputs import RunInput
from scrapejobs.jobs import JobRef


class Watchlist:
    """Watched jobs and their inputs; which of them a read already showed final.

    ``on_change`` is called whenever a job stops taking a slot of the provider's concurrency
    (seen final, or its outcome taken); it must not raise.
    """

    def __init__(self, on_change: Callable[[], None] = lambda: None) -> None:
        self.on_change = on_change
        self._inputs: dict[JobRef, RunInput] = {}
        self._final: set[JobRef] = set()
        """Watched jobs a status read showed final, whose outcome is not recorded yet."""

    def __len__(self) -> int:
        return len(self._inputs)

    def __contains__(self, ref: object) -> bool:
        return ref in self._inputs

    @property
    def unfinished(self) -> int:
        """Watched jobs not yet seen final (those that still take a slot at the provider)."""
        return len(self._inputs) - len(self._final)

    def add(self, ref: JobRef, item: RunInput) -> None:
        """Watch ``ref``, made for ``item`` (a job added twice keeps the later input)."""
        self._inputs[ref] = item

    def seen_final(self, ref: JobRef) -> None:
        """Note that a read showed watched job ``ref`` final (unknown refs are ignored)."""
        if ref in self._inputs:
            self._final.add(ref)
            self.on_change()

    def pop(self, ref: JobRef) -> RunInput | None:
        """Stop watching ``ref``; return its input, or None when it is not watched."""
        item = self._inputs.pop(ref, None)
        if item is None:
            return None
        self._final.discard(ref)
        self.on_change()
        return item
