"""The state side every emulated provider shares (no HTTP): its jobs, clock, configuration, hooks.

A provider's backend subclasses :class:`ProviderBackend`: it keeps the provider's own records
(jobs, collections, credits…), applies the provider's rules and builds its payloads; its routes
(:class:`~scrapejobs_emulator.provider.ProviderApp`) parse requests and call into it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, ClassVar

from scrapejobs_emulator.config import EmulatorConfig, ProviderName
from scrapejobs_emulator.jobs import JobRecord
from scrapejobs_emulator.state import EmulatorState
from scrapejobs_emulator.webhooks import Webhook


def new_request_id() -> str:
    """Return a fresh random request id."""
    return secrets.token_hex(16)


class ProviderBackend:
    """Base of one provider's model: bound to the shared state, told when its jobs finish."""

    name: ClassVar[ProviderName]
    """Provider key (as in :data:`~scrapejobs_emulator.config.PROVIDER_NAMES`)."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.store = state.store
        self.clock = state.clock
        self.store.on_finish(self.name, self.on_finished)
        state.on_reset(self.reset)
        state.on_persist(self.name, self.dump, self.load)
        state.on_webhook_restored(self.name, self.webhook_restored)

    @property
    def config(self) -> EmulatorConfig:
        """The emulator's live configuration."""
        return self.state.config

    def now(self) -> float:
        """Return the emulator clock's time."""
        return self.clock.now()

    def on_finished(self, record: JobRecord) -> None:
        """React once to one of this provider's records reaching a final phase (queue webhooks)."""

    def reset(self) -> None:
        """Forget provider-level state (collections, idempotency keys, …)."""

    def dump(self, label: Callable[[str], str]) -> dict[str, Any]:
        """Return the provider-level state as JSON-ready data, accounts written as ``label(token)``.

        The job records themselves are saved by the store; this is what the provider keeps
        beside them (none by default).
        """
        return {}

    def webhook_restored(self, webhook: Webhook) -> None:
        """Re-attach a webhook a state document restored (called after :meth:`load`).

        What a document cannot carry, such as its signing or exhaustion hook (nothing by default).
        """

    def load(self, data: dict[str, Any], token: Callable[[str], str]) -> None:
        """Restore what :meth:`dump` returned (after a reset), ``token(label)`` giving accounts.

        Raises:
            KeyError, TypeError, ValueError: when ``data`` is malformed.

        """
