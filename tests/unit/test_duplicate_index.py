"""Duplicates of streamed inputs found on disk agree with those found in memory."""

from __future__ import annotations

import random

from scrapejobs.batch.duplicates import DuplicateIndex, duplicate_warning, find_duplicates
from scrapejobs.batch.inputs import RunInput


def _inputs() -> list[RunInput]:
    rng = random.Random(7)
    inputs: list[RunInput] = []
    for line in range(1, 401):
        n = rng.randrange(150)  # about 250 of the 400 repeat an earlier one
        params: dict[str, object] = {"url": f"https://example.com/{n}"}
        if n % 3 == 0:  # the same parameters in another key order are the same input
            params = {"render_js": True, **params} if line % 2 else {**params, "render_js": True}
        inputs.append(RunInput(line, params))
    return inputs


def test_the_disk_index_finds_what_the_in_memory_search_finds() -> None:
    inputs = _inputs()
    expected = find_duplicates(inputs)
    index = DuplicateIndex()
    index.BATCH = 64  # several flushes
    try:
        for item in inputs:
            index.add(item)
        index.finish()

        assert index.count == expected.count > 100
        assert index.pairs(50) == expected.pairs(50)
        for item in inputs:
            assert [c.line for c in index.copies_of(item)] == [
                c.line for c in expected.copies_of(item)
            ]
        assert [i.line for i in index.without_copies(inputs)] == [i.line for i in expected.distinct]
        warning = duplicate_warning(index, "in.txt", deduped=False)
        assert warning == duplicate_warning(expected, "in.txt", deduped=False)
        assert len(warning) == 52  # the head, 50 lines, "and N more"
        assert warning[-1] == f"and {expected.count - 50} more"
    finally:
        index.close()


def test_no_duplicates_no_warning() -> None:
    index = DuplicateIndex()
    inputs = [RunInput(n, {"url": f"https://example.com/{n}"}) for n in range(1, 30)]
    for item in inputs:
        index.add(item)
    index.finish()
    assert index.count == 0
    assert list(index.without_copies(inputs)) == inputs
    assert duplicate_warning(index, "in.txt", deduped=True) == []
    index.close()


def test_a_chunk_of_the_inputs_finds_its_copies_and_their_first_lines() -> None:
    inputs = _inputs()
    expected = find_duplicates(inputs)
    first_of = {later.line: first for first, copies in expected.copies.items() for later in copies}
    distinct = {item.line for item in expected.distinct}
    index = DuplicateIndex()
    try:
        for item in inputs:
            index.add(item)
        index.finish()
        for start in range(0, len(inputs), 37):  # chunks of a worker, boundaries anywhere
            chunk = inputs[start : start + 37]
            lines = [item.line for item in chunk]
            assert [i.line for i in index.without_copies(chunk)] == [
                line for line in lines if line in distinct
            ]
            assert index.firsts(lines) == {n: first_of[n] for n in lines if n in first_of}
        assert list(index.without_copies([])) == []
        assert index.firsts([]) == {}
    finally:
        index.close()
