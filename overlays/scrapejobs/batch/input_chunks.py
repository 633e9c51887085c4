"""A worker's inputs, read a chunk at a time: never the whole input file in memory.

A worker of a shared run (:mod:`scrapejobs.batch.workers`) runs chunks of consecutive inputs
(``first_index`` up to ``stop_index``, 0-based positions among the inputs). It reads them
through :class:`InputChunks`: :class:`ListChunks` over inputs already in memory (a library
caller's list), or :class:`FileChunks` over the input file.

:class:`FileChunks` is filled by the first pass over the file (the one that checks every input
and computes the digest): every ``every`` inputs it notes the byte offset where that input's line
starts, its line number and a short hash of the block of inputs that begins there: three numbers
per block, a few hundred kilobytes for ten million lines. A chunk is then read by seeking to the
block it starts in; every block read is checked against its hash, so a file changed since the
first pass is an error, never other inputs run under the run's digest.

Lines are split as Python's text mode splits them (LF, CR LF or a lone CR; a
UTF-8 byte order mark dropped), so line numbers and texts are exactly those of
:func:`scrapejobs.batch.inputs.file_lines`.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from scrapejobs.batch.inputs import InputFileError, RunInput, numbered_lines

BOM = b"\xef\xbb\xbf"
CHANGED = "changed while the run was reading it; run again"


class InputChunks(Protocol):
    """The inputs of a run, read by position (what a worker needs of them)."""

    @property
    def count(self) -> int:
        """The number of inputs."""
        ...

    def lines(self) -> Iterator[int]:
        """Yield every input's line number, in input order (streamed)."""
        ...

    def read(self, first: int, stop: int) -> list[RunInput]:
        """Return the inputs at positions ``first`` up to ``stop`` (excluded), in order."""
        ...


class ListChunks:
    """:class:`InputChunks` over inputs held in memory (a list given by the caller)."""

    def __init__(self, inputs: Sequence[RunInput]) -> None:
        self.inputs = inputs

    def __repr__(self) -> str:
        return f"ListChunks(count={self.count})"

    @property
    def count(self) -> int:
        """See :attr:`InputChunks.count`."""
        return len(self.inputs)

    def lines(self) -> Iterator[int]:
        """See :meth:`InputChunks.lines`."""
        return (item.line for item in self.inputs)

    def read(self, first: int, stop: int) -> list[RunInput]:
        """See :meth:`InputChunks.read`."""
        return list(self.inputs[first:stop])


def _block_hash() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=8)


def _lines_from(handle: BinaryIO, offset: int, name: str, number: int) -> Iterator[tuple[int, str]]:
    """Yield ``(byte offset, text)`` of each line of ``handle`` from ``offset`` (line ``number``).

    Raises:
        InputFileError: a line is not UTF-8 (naming it).

    """
    position = offset
    for raw in handle:
        for part in raw.splitlines(keepends=True) if b"\r" in raw else (raw,):
            try:
                text = part.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputFileError(name, number, f"not UTF-8 text ({exc.reason})") from None
            yield position, text
            position += len(part)
            number += 1


class FileChunks:
    """:class:`InputChunks` over input file ``path``, a block of ``every`` inputs per offset.

    Fill it with the first pass (:meth:`scan`, :meth:`note`, :meth:`finish`), then
    :meth:`read` chunks (see the module docstring). Not shared between threads while filled;
    reads open the file anew, so they may come from any thread.
    """

    def __init__(self, path: str | Path, every: int) -> None:
        if every < 1:
            raise ValueError("every must be at least 1")
        self.path = Path(path)
        self.every = every
        self._count = 0
        self._offsets = array("q")
        self._lines = array("q")
        self._hashes = array("Q")
        self._at = 0
        self._hash = _block_hash()

    def __repr__(self) -> str:
        return f"FileChunks(path={str(self.path)!r}, count={self._count}, every={self.every})"

    @property
    def count(self) -> int:
        """See :attr:`InputChunks.count` (the inputs noted so far)."""
        return self._count

    def _open(self, offset: int) -> tuple[BinaryIO, int]:
        """Open the file at ``offset`` (past a byte order mark at 0); return it and the offset.

        Raises InputFileError as :func:`scrapejobs.batch.inputs.file_lines` does.
        """
        name = str(self.path)
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 -- closed by the callers
        except FileNotFoundError:
            raise InputFileError(name, None, "no such file") from None
        except IsADirectoryError:
            raise InputFileError(name, None, "is a directory, not a file") from None
        except PermissionError:
            raise InputFileError(name, None, "permission denied") from None
        if offset == 0 and handle.read(len(BOM)) == BOM:
            return handle, len(BOM)
        handle.seek(offset)
        return handle, offset

    def scan(self) -> Iterator[str]:
        """Yield the file's lines as :func:`~scrapejobs.batch.inputs.file_lines` does.

        The first pass: :meth:`note` each input as it is read (right after its line).
        """
        handle, offset = self._open(0)
        with handle:
            for at, text in _lines_from(handle, offset, str(self.path), 1):
                self._at = at
                yield text

    def note(self, number: int, text: str) -> None:
        """Note the input read last by :meth:`scan` (line ``number``, stripped ``text``)."""
        if self._count % self.every == 0:
            self._close_block()
            self._offsets.append(self._at)
            self._lines.append(number)
        self._hash.update(f"{number}\t{text}\n".encode())
        self._count += 1

    def finish(self) -> None:
        """End the first pass (after the last :meth:`note`)."""
        self._close_block()

    def _close_block(self) -> None:
        if len(self._hashes) < len(self._offsets):
            self._hashes.append(int.from_bytes(self._hash.digest(), "big"))
            self._hash = _block_hash()

    def lines(self) -> Iterator[int]:
        """See :meth:`InputChunks.lines` (the file read again, lines only counted)."""
        handle, offset = self._open(0)
        with handle:
            for number, (_, raw) in enumerate(_lines_from(handle, offset, str(self.path), 1), 1):
                text = raw.strip()
                if text and not text.startswith("#"):
                    yield number

    def read(self, first: int, stop: int) -> list[RunInput]:
        """See :meth:`InputChunks.read`: the blocks holding them, read and checked.

        Raises:
            ValueError: the positions are not within the inputs.
            InputFileError: the file changed since the first pass (or cannot be read).

        """
        if not 0 <= first <= stop <= self._count:
            raise ValueError(f"inputs {first}-{stop} are not within the {self._count} inputs")
        if first == stop:
            return []
        name = str(self.path)
        block = first // self.every
        index = block * self.every
        found: list[RunInput] = []
        digest = _block_hash()
        handle, offset = self._open(self._offsets[block])
        with handle:
            texts = (text for _, text in _lines_from(handle, offset, name, self._lines[block]))
            for number, text, parsed in numbered_lines(texts, path=name, start=self._lines[block]):
                if isinstance(parsed, str):
                    break  # not an input in the first pass: the file changed
                digest.update(f"{number}\t{text}\n".encode())
                if first <= index < stop:
                    found.append(parsed)
                index += 1
                if index % self.every == 0 or index == self._count:
                    if int.from_bytes(digest.digest(), "big") != self._hashes[block]:
                        break
                    if index >= stop:
                        return found
                    block, digest = block + 1, _block_hash()
        raise InputFileError(name, None, CHANGED)
