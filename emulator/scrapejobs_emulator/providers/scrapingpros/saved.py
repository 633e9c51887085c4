"""ScrapingPros' own state in state documents: collections, runs, idempotency keys.

Runs keep their units by job id; idempotency keys the answer they replay and their expiry.

A run's webhook is saved with every other delivery (:mod:`scrapejobs_emulator.persist`) and linked
back to its run on restore (``ScrapingprosBackend.webhook_restored``); ``webhook_state`` is kept
for documents saved before deliveries were.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import asdict, fields
from typing import Any

from scrapejobs_emulator.providers.scrapingpros.backend import ScrapingprosBackend
from scrapejobs_emulator.providers.scrapingpros.documents import StoredCollection, StoredRun
from scrapejobs_emulator.state import EmulatorState

RUN_FIELDS = {field.name for field in fields(StoredRun)} - {"units", "webhook"}


def dump(backend: ScrapingprosBackend, label: Callable[[str], str]) -> dict[str, Any]:
    """Return the backend's collections and runs, accounts as labels."""
    collections = [
        {**asdict(stored), "account": label(stored.account)}
        for stored in backend._collections.values()
    ]
    runs = [
        {
            **{name: getattr(run, name) for name in RUN_FIELDS},
            "account": label(run.account),
            "unit_ids": [unit.id for unit in run.units],
            "webhook_state": run.webhook.state if run.webhook else None,
        }
        for run in backend._runs.values()
    ]
    return {
        "collections": collections,
        "runs": runs,
        "sequence": backend._sequence,
        "idempotency": backend.idempotency.dump(label),
    }


def load(backend: ScrapingprosBackend, data: dict[str, Any], token: Callable[[str], str]) -> None:
    """Restore :func:`dump`'s collections and runs (units re-linked to the store's records).

    Raises:
        KeyError, TypeError, ValueError: for malformed data or a job the store lacks.

    """
    for raw in data.get("collections", []):
        stored = StoredCollection(**{**raw, "account": token(raw["account"])})
        backend._collections[stored.id] = stored
    for raw in data.get("runs", []):
        run = StoredRun(
            **{name: raw[name] for name in RUN_FIELDS if name in raw},
            units=[],
        )
        run.account = token(raw["account"])
        for unit_id in raw["unit_ids"]:
            record = backend.store.get(backend.name, unit_id)
            if record is None:
                raise KeyError(f"ScrapingPros run {run.id} lacks its job {unit_id}")
            run.units.append(record)
        run.saved_webhook_state = raw.get("webhook_state")
        backend._runs[run.id] = run
    backend._sequence = int(data.get("sequence", 0))
    backend.idempotency.load(data.get("idempotency", []), token)


def register(state: EmulatorState, backend: ScrapingprosBackend) -> None:
    """Keep ``backend``'s collections and runs in ``state``'s documents."""
    state.on_persist(
        backend.name, functools.partial(dump, backend), functools.partial(load, backend)
    )
