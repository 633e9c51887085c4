"""Lower bounds on reads per job for a latency target, when job durations are unknown.

Usage: ``python scripts/waiting_bounds.py [--low 1] [--high 10] [--slack 0.1] [--share 0.5]``

A job's duration ``d`` is uniform in ``[low, high]`` and independent of everything the client
can see; a read tells only whether the job has ended. A job is *on time* when the first read
that finds it ended comes at most ``slack * d`` after its end. ``p50 latency <= 10 % of the
duration`` means at least half the jobs on time with slack 0.1; ``p95 <= 25 %`` means 95 % on
time with slack 0.25.

- **One read per job** (Decodo, ScraperAPI, Scrapio): a job's reads are one schedule
  ``t1 < t2 < ...`` (what a read says about one job tells nothing about another), and it is read
  at every ``t`` before its end plus once after. The least expected reads per job that puts
  ``share`` of the jobs on time comes from a dynamic program over schedules on a grid, even
  knowing the distribution exactly (a real waiter has to learn it first).
- **One read covers every job** (a ScrapingPros run listing): a read at ``t`` puts on time the
  jobs that ended in ``[t / (1 + slack), t]``; the fewest reads reaching ``share`` tile that
  interval down from ``high``.

Prints both bounds; the benchmark's targets can be checked against them (bench/waiting.md).
"""

from __future__ import annotations

import argparse
import sys


def _on_time(low: float, high: float, slack: float, start: float, end: float) -> float:
    """Share of jobs ending in ``(start, end]`` that a read at ``end`` finds on time."""
    first = max(start, end / (1 + slack), low)
    last = min(end, high)
    return max(0.0, last - first) / (high - low)


def per_job_reads(low: float, high: float, slack: float, share: float, step: float = 0.05) -> float:
    """Return the least expected reads per job that can put ``share`` of jobs on time.

    For a price ``p`` on on-time jobs, a dynamic program over schedules on a ``step`` grid gives
    ``V(p) = min(reads - p * on_time)``; every schedule reaching ``share`` then costs at least
    ``V(p) + p * share``, for every ``p``. Returns the largest such bound over a sweep of prices.
    """
    grid = [low + k * step for k in range(round((high - low) / step) + 1)]

    def alive(t: float) -> float:
        return min(1.0, max(0.0, (high - t) / (high - low)))

    bound = 0.0
    price = 0.5
    while price < 200:
        value = [0.0] * len(grid)
        for i in range(len(grid) - 1, -1, -1):
            if grid[i] < high - 1e-9:
                value[i] = min(
                    alive(grid[i]) - price * _on_time(low, high, slack, grid[i], grid[j]) + value[j]
                    for j in range(i + 1, len(grid))
                )
        least = min(
            1 - price * _on_time(low, high, slack, 0.0, grid[j]) + value[j]
            for j in range(len(grid))
        )
        bound = max(bound, least + price * share)
        price *= 1.1
    return bound


def scoped_reads(low: float, high: float, slack: float, share: float) -> int:
    """Return the fewest reads of a whole scope that put ``share`` of its jobs on time."""
    covered, reads, end = 0.0, 0, high
    while covered < share - 1e-12:
        if end <= low:
            raise ValueError("no number of reads reaches that share")
        covered += _on_time(low, high, slack, 0.0, end)
        reads += 1
        end /= 1 + slack
    return reads


def main(argv: list[str] | None = None) -> int:
    """Print both bounds for the given workload and target."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--low", type=float, default=1.0, help="shortest duration, s")
    parser.add_argument("--high", type=float, default=10.0, help="longest duration, s")
    parser.add_argument("--slack", type=float, default=0.1, help="latency / duration allowed")
    parser.add_argument("--share", type=float, default=0.5, help="share of jobs on time")
    args = parser.parse_args(argv)
    if not (args.low > 0 and args.high - args.low >= 0.5):
        parser.error("need 0 < --low and --high at least 0.5 s above it")
    if not 0 < args.share <= 1 or args.slack <= 0:
        parser.error("need 0 < --share <= 1 and --slack > 0")
    reads = per_job_reads(args.low, args.high, args.slack, args.share)
    scoped = scoped_reads(args.low, args.high, args.slack, args.share)
    label = f"durations uniform in {args.low:g}-{args.high:g} s"
    target = f"{args.share:.0%} of jobs with latency <= {args.slack:.0%} of their duration"
    print(f"{label}; target: {target}")
    print(f"one read per job: at least {reads:.2f} reads per job (on a 50 ms grid)")
    print(f"one read for every job: at least {scoped} reads in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
