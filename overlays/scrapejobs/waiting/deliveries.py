"""Webhook deliveries that wake watched jobs before their planned read.

The :class:`~scrapejobs.webhooks.events.WebhookEvents` a caller shares with its receiver name
jobs by provider keys (a job id, a task id...). :class:`Deliveries` maps those keys to the watched
refs and turns what was delivered into reads: a unit read whole, or just the refs named when
only some jobs of a scope ended.
"""

from __future__ import annotations

from scrapejobs.jobs import JobRef
from scrapejobs.waiting.plan import ReadPlan, Unit
from scrapejobs.webhooks.events import WebhookEvents, ref_keys

Due = dict[Unit, tuple[JobRef, ...] | None]
"""Units to read now: None reads the whole unit, a tuple just those refs."""


class Deliveries:
    """Which watched jobs a webhook delivery named, until their unit is read.

    ``result_in_read``: one read of a whole scope carries its jobs' results (then a delivery
    naming every member reads the scope once instead of each job). Never sends a request.
    """

    def __init__(self, events: WebhookEvents, plan: ReadPlan, result_in_read: bool) -> None:
        self.subscription = events.subscribe()
        """This engine's own view of the deliveries (concurrent waits never take each other's)."""
        self._plan = plan
        self._result_in_read = result_in_read
        self._by_key: dict[tuple[str, str], set[JobRef]] = {}
        self._woken: dict[Unit, set[JobRef]] = {}
        """Jobs a delivery named, per unit, until the unit is read."""

    def add(self, ref: JobRef) -> None:
        """Listen for deliveries about ``ref``."""
        for key in ref_keys(ref):
            self._by_key.setdefault(key, set()).add(ref)

    def remove(self, ref: JobRef) -> None:
        """Stop listening for ``ref`` (it has its outcome)."""
        for key in ref_keys(ref):
            refs = self._by_key.get(key)
            if refs is not None:
                refs.discard(ref)
                if not refs:
                    del self._by_key[key]

    def add_woken(self, due: Due) -> None:
        """Add to ``due`` the units deliveries woke (a unit whose read is in flight waits).

        A delivery that names jobs of a scope reads just those (one request each carries status
        and result where the provider allows), unless it names every member and one read of the
        scope carries results too (then the scope is read). Units already due stay whole.
        """
        plan = self._plan
        for key in self.subscription.drain():
            for ref in self._by_key.get(key, ()):
                self._woken.setdefault(plan.unit_of(ref), set()).add(ref)
        for unit, woken in list(self._woken.items()):
            state = plan.units.get(unit)
            if state is None:
                del self._woken[unit]
                continue
            if state.busy:
                continue
            del self._woken[unit]
            if unit in due:
                continue
            members = plan.members(state)
            live = tuple(job.ref for job in members if job.ref in woken)
            whole = unit[0] == "job" or (len(live) == len(members) and self._result_in_read)
            if live:
                due[unit] = None if whole else live


__all__ = ["Deliveries", "Due"]
