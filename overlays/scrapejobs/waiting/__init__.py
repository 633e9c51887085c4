"""Waiting for jobs: one engine for :meth:`scrapejobs.AsyncJobs.wait` and the batch runner.

- :mod:`~scrapejobs.waiting.engine`: :class:`WaitEngine`, which reads due units and hands back
  one :class:`Outcome` per watched job;
- :mod:`~scrapejobs.waiting.plan`: when each unit is read next (:class:`Timing` presets
  :data:`PROMPT` and :data:`FRUGAL`, scouts, floors, fallbacks);
- :mod:`~scrapejobs.waiting.durations`: job durations learned online per provider and kind;
- :mod:`~scrapejobs.waiting.results`: reading the result of a job seen final, never twice.

This package reaches providers only through the :class:`~scrapejobs.jobs.Adapter` contract.
"""

from scrapejobs.waiting.durations import DurationModel
from scrapejobs.waiting.engine import READS_IN_FLIGHT, WaitEngine
from scrapejobs.waiting.plan import FRUGAL, PROMPT, SCOUT_FIRST, Timing
from scrapejobs.waiting.results import Outcome

__all__ = [
    "FRUGAL",
    "PROMPT",
    "READS_IN_FLIGHT",
    "SCOUT_FIRST",
    "DurationModel",
    "Outcome",
    "Timing",
    "WaitEngine",
]
