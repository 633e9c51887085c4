"""A worker's inputs read by chunk: exactly the file's inputs, and never the whole file at once.

``FileChunks`` is filled the way the worker's first pass fills it (every input noted as it is
read); its chunk reads are compared with what ``read_inputs`` reads of the same file, for every
chunk boundary. A worker over a real PostgreSQL ledger and the in-process emulator shows that
it reads a chunk per lane at a time and writes the whole output in input order.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import psycopg
import pytest

from scrapejobs.batch.claims import ClaimFence, Claims
from scrapejobs.batch.input_chunks import FileChunks, InputChunks
from scrapejobs.batch.inputs import (
    InputDigest,
    InputFileError,
    RunInput,
    file_lines,
    numbered_lines,
    read_inputs,
)
from scrapejobs.batch.ledger_postgres import PostgresLedger
from scrapejobs.batch.pg_schema import migrate
from scrapejobs.batch.results import ItemResult
from scrapejobs.batch.workers import Lane, Worker, WorkerSettings, ordered_results
from tests.unit.test_workers import RUN, _emulator, _jobs

AWKWARD = (
    "\ufeffhttps://a.test/1\r\n"  # a byte order mark, CRLF
    "\n"
    "# a comment\r\n"
    "   \n"
    "https://a.test/2\rhttps://a.test/3\r"  # lone CRs end lines too (as in text mode)
    '{"url": "https://a.test/4", "x": "é"}\n'
    "\r\n"
    "https://a.test/5\n"
    "# another\n"
    "https://a.test/6\n"
    "https://a.test/7"  # the last line has no newline
)


def filled(path: Path, every: int) -> tuple[FileChunks, str]:
    """Return ``path``'s chunks filled as the first pass fills them, and the pass's digest."""
    chunks = FileChunks(path, every)
    digest = InputDigest()
    for number, text, parsed in numbered_lines(chunks.scan(), path=str(path)):
        assert not isinstance(parsed, str)
        digest.update(number, text)
        chunks.note(number, text)
    chunks.finish()
    return chunks, digest.hexdigest()


def test_the_first_pass_sees_the_lines_text_mode_sees(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(AWKWARD.encode())
    chunks = FileChunks(path, 2)
    assert list(numbered_lines(chunks.scan())) == list(numbered_lines(file_lines(path)))
    inputs, digest = read_inputs(path)
    assert filled(path, 2)[1] == digest
    assert [item.line for item in inputs] == [1, 5, 6, 7, 9, 11, 12]


@pytest.mark.parametrize("every", [1, 2, 3, 4, 7, 8])
def test_every_chunk_read_is_exactly_those_inputs(tmp_path: Path, every: int) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(AWKWARD.encode())
    inputs, _ = read_inputs(path)
    chunks, _ = filled(path, every)
    assert chunks.count == len(inputs)
    assert list(chunks.lines()) == [item.line for item in inputs]
    for first in range(len(inputs) + 1):
        for stop in range(first, len(inputs) + 1):
            assert chunks.read(first, stop) == inputs[first:stop], (first, stop)
    with pytest.raises(ValueError, match="not within"):
        chunks.read(0, len(inputs) + 1)


def test_a_file_changed_after_the_first_pass_is_refused_not_run(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("".join(f"https://b.test/{n}\n" for n in range(10)))
    chunks, _ = filled(path, 4)
    assert [item.line for item in chunks.read(4, 8)] == [5, 6, 7, 8]
    path.write_text("".join(f"https://b.test/{n}\n" for n in (0, 1, 2, 3, 4, 99, 6, 7, 8, 9)))
    with pytest.raises(InputFileError, match="changed while the run was reading it"):
        chunks.read(4, 8)
    assert [item.line for item in chunks.read(0, 4)] == [1, 2, 3, 4]  # that block is the same
    path.write_text("".join(f"https://b.test/{n}\n" for n in range(6)))  # cut short
    with pytest.raises(InputFileError, match="changed"):
        chunks.read(8, 10)


class Watched:
    """Chunks whose reads are counted against the outcomes the worker yielded."""

    def __init__(self, inner: InputChunks) -> None:
        self.inner = inner
        self.read_inputs = 0
        self.ended = 0
        self.most_ahead = 0
        self.reads: list[tuple[int, int]] = []

    @property
    def count(self) -> int:
        return self.inner.count

    def lines(self) -> Any:
        return self.inner.lines()

    def read(self, first: int, stop: int) -> list[RunInput]:
        self.reads.append((first, stop))
        self.read_inputs += stop - first
        self.most_ahead = max(self.most_ahead, self.read_inputs - self.ended)
        return self.inner.read(first, stop)

    def on_result(self, _item: ItemResult) -> None:
        self.ended += 1


def test_a_worker_reads_a_chunk_per_lane_and_writes_the_whole_output_in_order(
    postgres_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "urls.txt"
    lines = [f"https://shop.example/c/{n}" for n in range(60)]
    for n in (7, 23, 41):  # blank and comment lines between inputs
        lines.insert(n, "# skip" if n % 2 else "")
    path.write_text("\r\n".join(lines))  # CRLF, no newline after the last line
    inputs, digest = read_inputs(path)
    chunks, first_pass = filled(path, 5)
    assert first_pass == digest
    watched = Watched(chunks)
    emulator = _emulator()
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        migrate(connection)

    async def body() -> list[ItemResult]:
        claims = Claims(
            await psycopg.AsyncConnection.connect(postgres_url, autocommit=True), RUN, "w"
        )
        url = f"{postgres_url}?run={RUN}"
        with (
            PostgresLedger(url) as one,
            PostgresLedger(url) as two,
            psycopg.connect(postgres_url, autocommit=True) as fence_one,
            psycopg.connect(postgres_url, autocommit=True) as fence_two,
        ):
            lanes = [
                Lane(_jobs(emulator), one, ClaimFence(fence_one, RUN, "w")),
                Lane(_jobs(emulator), two, ClaimFence(fence_two, RUN, "w")),
            ]
            worker = Worker(
                claims,
                lanes,
                settings=WorkerSettings(chunk_size=5, lanes=2, wait=0.01),
                runner_options={"concurrency": 8},
                on_result=watched.on_result,
            )
            try:
                report = await worker.run(watched, digest)
            finally:
                await claims.connection.close()
            assert report.chunks == 12
            # Never more than a chunk per lane read ahead of its outcomes (not the 60 inputs).
            assert watched.most_ahead <= 5 * 2
            during_run = len(watched.reads)
            results = list(ordered_results(one, watched, chunk=7))
            assert all(stop - first <= 7 for first, stop in watched.reads[during_run:])
            return results

    results = asyncio.run(body())
    assert [item.line for item in results] == [item.line for item in inputs]
    assert [item.input.params for item in results] == [item.params for item in inputs]
    assert {item.state.value for item in results} == {"succeeded"}
    assert len(list(emulator.store.records("scrapio"))) == 60
