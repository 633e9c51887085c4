"""Batch runs: many inputs through one provider, every paid-for job accounted for.

- :mod:`scrapejobs.batch.inputs`: input files (URL lines, JSON lines) read and checked;
- :mod:`scrapejobs.batch.planning`: inputs planned into each provider's (batch) submissions;
- :mod:`scrapejobs.batch.ledger`: the durable record (:class:`~scrapejobs.batch.ledger.Ledger`,
  :class:`~scrapejobs.batch.ledger.SqliteLedger`) and :mod:`scrapejobs.batch.localfiles`
  (locks, atomic writes);
- :mod:`scrapejobs.batch.runner`: :class:`~scrapejobs.batch.runner.BatchRunner`, composed of
  :mod:`~scrapejobs.batch.submitter` (sending, paid never twice), :mod:`~scrapejobs.batch.capacity`
  (the provider's free concurrency), :mod:`~scrapejobs.batch.recorder` (outcomes into the
  ledger, then out), :mod:`~scrapejobs.batch.resume` (a run picked up from its ledger) and the
  waiting engine (:mod:`scrapejobs.waiting`);
- :mod:`scrapejobs.batch.run_sync`: :func:`~scrapejobs.batch.run_sync.run_batch`, the blocking
  form; :mod:`scrapejobs.batch.run_webhooks`: a run waiting by webhook.

The batch package uses the job interface (top-level :mod:`scrapejobs` modules) and never the
command line; the public names are re-exported by :mod:`scrapejobs`.
"""
