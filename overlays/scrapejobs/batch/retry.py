"""Retrying a run's inputs that ended refused, failed or expired, as a new attempt.

``scrapejobs run ... --retry refused,failed`` marks those inputs of the ledger with a new retry
round (:meth:`scrapejobs.batch.ledger.Ledger.retry`). Their earlier submissions and outcomes stay
in the ledger, superseded for these inputs: the resumed run neither replays nor watches them, and
plans the inputs again; the new submission's key carries the round (``line-3+1@retry1``), so it is
a submission of its own. Only inputs that ended without a job to pay for again are retried: a
submitted job still running, or an uncertain submission, never is (see ``--resubmit-uncertain``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from scrapejobs.batch.ledger import Ledger, SubmissionState
from scrapejobs.batch.planning import PlannedSubmission
from scrapejobs.batch.results import ItemState, item_state

RETRYABLE = ("refused", "failed", "expired")
"""The outcomes ``--retry`` accepts: each ended without a result, and no job of it runs on."""

_ROUND = "@retry"


def submission_round(key: str) -> int:
    """Return the retry round a submission key was planned in (0: the first attempt)."""
    head, found, tail = key.rpartition(_ROUND)
    return int(tail) if found and head and tail.isdigit() else 0


def superseded(rounds: Mapping[str, int], submission_key: str, input_key: str | None) -> bool:
    """Return whether a later attempt replaces ``input_key``'s part of this submission."""
    if input_key is None:
        return False
    return submission_round(submission_key) < rounds.get(input_key, 0)


def latest_states(ledger: Ledger) -> dict[str, ItemState]:
    """Return the latest recorded outcome of each input key (superseded attempts left out).

    Inputs without an outcome yet (submitted and running, intended, uncertain) are absent,
    except inputs a submission was refused for or an accepted submission made no job for
    (``refused``).
    """
    rounds = ledger.rounds()
    states: dict[str, ItemState] = {}
    for sub in ledger.submissions():
        with_job = set(sub.job_inputs)
        for key in sub.inputs:
            if superseded(rounds, sub.key, key):
                continue
            if sub.state is SubmissionState.REFUSED or (
                sub.state is SubmissionState.SUBMITTED and key not in with_job
            ):
                states[key] = ItemState.REFUSED
    for outcome in ledger.outcomes():
        if outcome.input_key and not superseded(rounds, outcome.submission_key, outcome.input_key):
            states[outcome.input_key] = item_state(outcome.state)
    return states


def mark_retries(
    ledger: Ledger, input_keys: Collection[str] | None, wanted: Collection[str]
) -> dict[str, int]:
    """Start a retry round for the inputs among ``input_keys`` whose latest outcome is ``wanted``.

    ``input_keys`` None: every input the ledger holds (a ledger bound to the run's inputs holds
    no other), so the run's inputs need not be listed in memory.

    Returns how many inputs were marked per outcome (nothing marked: an empty dict). Raises
    ValueError for an outcome not in :data:`RETRYABLE`; LedgerIOError when the ledger fails.
    """
    unknown = sorted(set(wanted) - set(RETRYABLE))
    if unknown:
        raise ValueError(f"cannot retry {', '.join(unknown)}; only {', '.join(RETRYABLE)}")
    chosen = {
        key: state
        for key, state in latest_states(ledger).items()
        if (input_keys is None or key in input_keys) and state.value in wanted
    }
    if not chosen:
        return {}
    ledger.retry(sorted(chosen))
    counts: dict[str, int] = {}
    for state in chosen.values():
        counts[state.value] = counts.get(state.value, 0) + 1
    return counts


def retry_notice(marked: Mapping[str, int], wanted: Collection[str]) -> str:
    """Return the one line ``scrapejobs run --retry`` prints about what it marked."""
    if not marked:
        return f"scrapejobs: --retry: no {'/'.join(sorted(wanted))} input to retry"
    counts = ", ".join(f"{state} {n}" for state, n in sorted(marked.items()))
    total = sum(marked.values())
    return (
        f"scrapejobs: retrying {total} input(s) ({counts}) as a new attempt; "
        "the earlier attempt stays in the ledger"
    )


def with_rounds(
    planned: Sequence[PlannedSubmission], rounds: Mapping[str, int]
) -> list[PlannedSubmission]:
    """Return ``planned`` with the retry round in the key of each submission carrying a retry."""
    renamed: list[PlannedSubmission] = []
    for submission in planned:
        found = max((rounds.get(item.key, 0) for item in submission.inputs), default=0)
        if found:
            submission = PlannedSubmission(
                f"{submission.key}{_ROUND}{found}", submission.inputs, submission.request
            )
        renamed.append(submission)
    return renamed
