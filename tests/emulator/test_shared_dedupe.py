"""`--dedupe` shared by workers: two workers (in this process), copies across chunk boundaries.

Every worker finds the same duplicates in the input file and runs each chunk without its
copies; the output gives every copy its first line's outcome (its job), as a run alone does.
A worker started without `--dedupe` on that run is refused (its chunks would end differently).
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from scrapejobs.batch.ledger import LedgerMismatchError
from scrapejobs.batch.results import ItemState
from scrapejobs.cli.execute import RunOptions, RunReport, execute_run
from scrapejobs.cli.run_workers import execute_workers
from scrapejobs_emulator import Emulator, EmulatorConfig
from scrapejobs_emulator.jobs import target_url
from scrapejobs_emulator.server import server_app
from tests.emulator.serving import serve_app

TOKEN = "shared-dedupe-token"
SHOP = "https://shop.example/dedupe"
LINES = [
    f"{SHOP}/a",  # 1 -- chunks of 5: lines 1-5 | 6-10 | 11-13
    f"{SHOP}/b",
    f"{SHOP}/c",
    f"{SHOP}/a",  # 4: copy of 1, the same chunk
    f"{SHOP}/d",
    f"{SHOP}/b",  # 6: copy of 2, in the next chunk
    f"{SHOP}/e",
    f"{SHOP}/a",  # 8: copy of 1
    json.dumps({"url": f"{SHOP}/e"}),  # 9: copy of 7, the same chunk
    f"{SHOP}/f",
    f"{SHOP}/b",  # 11: copy of 2, two chunks later: the last chunk holds only copies
    f"{SHOP}/c",  # 12: copy of 3
    f"{SHOP}/f",  # 13: copy of 10
]
FIRST = {4: 1, 6: 2, 8: 1, 9: 7, 11: 2, 12: 3, 13: 10}


def _options(tmp: Path, name: str, ledger: str, base_url: str) -> RunOptions:
    return RunOptions(
        "scrapio",
        tmp / "urls.txt",
        tmp / f"out-{name}.jsonl",
        ledger,
        TOKEN,
        base_url=f"{base_url}/scrapio",
        dedupe=True,
        chunk_size=5,
        lease=3.0,
        progress=False,
    )


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_two_deduping_workers_submit_each_input_once_and_write_every_copy(
    postgres_url: str, tmp_path: Path
) -> None:
    emulator = Emulator(
        EmulatorConfig.model_validate(
            {"tokens": [TOKEN], "progression": {"min_seconds": 0.0, "max_seconds": 0.0}}
        )
    )
    (tmp_path / "urls.txt").write_text("\n".join(LINES) + "\n")
    ledger = f"{postgres_url}?run=dedupe"
    quiet = Console(file=io.StringIO())
    with serve_app(server_app(emulator)) as base_url:
        workers = [_options(tmp_path, f"w{n}", ledger, base_url) for n in range(2)]

        async def both() -> list[RunReport]:
            return list(await asyncio.gather(*(execute_workers(o, ledger, quiet) for o in workers)))

        reports = asyncio.run(both())
        records = list(emulator.store.records("scrapio"))
        plain = dataclasses.replace(workers[0], dedupe=False)
        with pytest.raises(LedgerMismatchError) as mixed:
            asyncio.run(execute_workers(plain, ledger, quiet))
        assert len(list(emulator.store.records("scrapio"))) == len(records)  # nothing more sent
        alone = dataclasses.replace(workers[0], output=tmp_path / "out-alone.jsonl")
        asyncio.run(execute_run(dataclasses.replace(alone, ledger=tmp_path / "alone.ledger")))
    assert str(mixed.value) == (
        "run 'dedupe' of this ledger is shared by workers started with --dedupe; this one was "
        "started without it: start every worker with the same options"
    )

    jobs_per_url: dict[str, int] = {}
    for record in records:
        url = target_url(record)
        assert url is not None
        jobs_per_url[url] = jobs_per_url.get(url, 0) + 1
    assert jobs_per_url == {f"{SHOP}/{name}": 1 for name in "abcdef"}

    written = _lines(tmp_path / "out-w0.jsonl")
    assert written == _lines(tmp_path / "out-w1.jsonl")
    assert [line["line"] for line in written] == list(range(1, len(LINES) + 1))
    assert {line["state"] for line in written} == {"succeeded"}
    by_line = {int(str(line["line"])): line for line in written}
    for copy, first in FIRST.items():
        assert by_line[copy]["job_id"] == by_line[first]["job_id"], copy
        assert by_line[copy]["result"] == by_line[first]["result"], copy
    for report in reports:
        assert (report.inputs, report.stats.jobs, report.stats.by_state[ItemState.SUCCEEDED]) == (
            13,
            6,
            13,
        )

    single = _lines(tmp_path / "out-alone.jsonl")
    fields = ("line", "input", "state", "reason")
    assert [[line[f] for f in fields] for line in single] == [
        [line[f] for f in fields] for line in written
    ], "the workers' output is the run alone's (but for job ids)"
