"""Input files of the batch runner: one URL per line, or JSONL of provider parameters.

::

    https://example.com/a
    # comments and blank lines are skipped
    {"url": "https://example.com/b", "Render": {"WaitUntil": "load"}}

Each non-blank, non-comment line is one :class:`RunInput`. A line starting with ``{`` is a JSON
object of the provider's parameters, in the provider's own wire names (see
:mod:`scrapejobs.batch.planning` for what each provider expects); any other line is a URL, which must
be ``http`` or ``https`` with a host. Lines of both kinds may be mixed.

An input's :attr:`RunInput.key` is its line number, and :func:`read_inputs` also returns a digest
of the inputs, so a ledger can refuse to resume a run from a different file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapejobs.errors import ScrapejobsError

MAX_LINE_BYTES = 1_000_000
"""The longest line accepted (a parameter object of a megabyte is a mistake, not an input)."""


class InputFileError(ScrapejobsError):
    """An input file cannot be used: it names the file, the line and what is wrong with it."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class BadLinesError(InputFileError):
    """Lines of an input file that are no input (bad JSON, not a URL): every one of them.

    ``line`` and ``reason`` are the first's; ``problems`` lists ``(line, reason)`` of each, and
    ``inputs`` the lines that did parse (so they can be checked too before reporting).
    """

    def __init__(
        self, path: str, problems: Sequence[tuple[int, str]], inputs: Sequence[RunInput]
    ) -> None:
        self.problems = list(problems)
        self.inputs = list(inputs)
        super().__init__(path, problems[0][0], problems[0][1])
        if len(problems) > 1:
            self.args = (f"{self.args[0]} (and {len(problems) - 1} more bad line(s))",)


@dataclass(frozen=True)
class RunInput:
    """One input of a run: its line number and the provider parameters it stands for."""

    line: int
    params: Mapping[str, Any] = field(hash=False)
    """``{"url": ...}`` for a URL line, else the JSON object as written."""

    @property
    def key(self) -> str:
        """The input's stable key in a ledger (``"line-<n>"``)."""
        return f"line-{self.line}"


def check_url(url: str) -> str | None:
    """Return why ``url`` is not an absolute ``http(s)`` URL with a host, or None when it is."""
    if any(ch.isspace() for ch in url):
        return "a URL cannot contain whitespace"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"expected an http or https URL, got {url[:80]!r}"
    if not parts.hostname:
        return f"the URL has no host: {url[:80]!r}"
    return None


def parse_line(text: str, *, path: str, line: int) -> RunInput:
    """Return the input written on one line (already stripped, not blank, not a comment).

    Raises:
        InputFileError: for a malformed JSON object, a JSON value that is not an object, or a
            URL that is not absolute http(s).

    """
    if text.startswith("{"):
        try:
            params = json.loads(text)
        except ValueError as exc:
            raise InputFileError(path, line, f"not valid JSON: {exc}") from None
        if not isinstance(params, dict):
            raise InputFileError(path, line, "expected a JSON object of provider parameters")
        return RunInput(line, params)
    if text.startswith(("[", '"')):
        raise InputFileError(path, line, "expected a URL or a JSON object, not a JSON array/string")
    problem = check_url(text)
    if problem is not None:
        raise InputFileError(path, line, problem)
    return RunInput(line, {"url": text})


class InputDigest:
    """The SHA-256 digest of a run's inputs, fed one input at a time (see :func:`read_inputs`)."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def update(self, number: int, text: str) -> None:
        """Add the input written as ``text`` (stripped) on line ``number``."""
        self._hash.update(f"{number}\t{text}\n".encode())

    def hexdigest(self) -> str:
        """Return the digest of the inputs added so far."""
        return self._hash.hexdigest()


def numbered_lines(
    lines: Iterable[str], *, path: str = "<input>", start: int = 1
) -> Iterator[tuple[int, str, RunInput | str]]:
    """Yield ``(line number, text, input or why the line is no input)`` for each input line.

    Blank and comment lines are skipped; ``text`` is the stripped line; the first of ``lines``
    is line ``start``. Reads one line at a time: memory does not grow with the number of lines.

    Raises:
        InputFileError: a line is longer than :data:`MAX_LINE_BYTES`.

    """
    for number, raw in enumerate(lines, start=start):
        if len(raw) > MAX_LINE_BYTES:
            raise InputFileError(path, number, f"line longer than {MAX_LINE_BYTES} bytes")
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        try:
            yield number, text, parse_line(text, path=path, line=number)
        except InputFileError as exc:
            yield number, text, exc.reason


def parse_lines(
    lines: Iterable[str], *, path: str = "<input>", limit: int | None = None
) -> tuple[list[RunInput], str]:
    """Return the inputs of ``lines`` and a SHA-256 digest of them (see :func:`read_inputs`).

    With ``limit``, only the first ``limit`` inputs are read (and digested).

    Raises:
        BadLinesError: for lines that are no input (all of them).
        InputFileError: a line is too long, or there is no input at all.

    """
    inputs: list[RunInput] = []
    problems: list[tuple[int, str]] = []
    digest = InputDigest()
    for number, text, parsed in numbered_lines(lines, path=path):
        if limit is not None and len(inputs) >= limit:
            break
        if isinstance(parsed, str):
            problems.append((number, parsed))
            continue
        inputs.append(parsed)
        digest.update(number, text)
    if problems:
        raise BadLinesError(path, problems, inputs)
    if not inputs:
        raise InputFileError(path, None, "no inputs (only blank or comment lines)")
    return inputs, digest.hexdigest()


def read_inputs(path: str | Path, *, limit: int | None = None) -> tuple[list[RunInput], str]:
    """Read an input file; return its inputs and a digest identifying them.

    The digest covers each input's line number and text, so blank-line or comment edits that
    move no input keep it, while any change to an input changes it. With ``limit``, only the
    first ``limit`` inputs are read: the digest of a prefix, to tell inputs that only add lines
    at the end (see :meth:`scrapejobs.batch.ledger.Ledger.bind`). Holds every input in memory:
    see :func:`stream_inputs` and :func:`prefix_digest` for files of any size.

    Raises:
        InputFileError: the file is missing, unreadable, not UTF-8, empty, or has a bad line
            (the error names the line).

    """
    return parse_lines(file_lines(path), path=str(path), limit=limit)


def file_lines(path: str | Path) -> Iterator[str]:
    """Yield the lines of the UTF-8 text file ``path`` one at a time (a BOM is dropped).

    Raises:
        InputFileError: the file is missing, a directory, unreadable or not UTF-8 (naming the
            first line that is not).

    """
    name = str(path)
    try:
        # utf-8-sig: a byte order mark (as some editors write) is not part of the first line.
        with open(path, encoding="utf-8-sig") as handle:
            yield from handle
    except FileNotFoundError:
        raise InputFileError(name, None, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(name, None, "is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(
            name, _undecodable_line(path), f"not UTF-8 text ({exc.reason})"
        ) from None
    except PermissionError:
        raise InputFileError(name, None, "permission denied") from None


def stream_inputs(path: str | Path, *, digest: str | None = None) -> Iterator[RunInput]:
    """Yield the inputs of file ``path`` one at a time, in line order (constant memory).

    With ``digest`` (what a first pass over the file found), the file is checked to be the same
    when the last input has been read: a file edited between the passes is an error, not a run
    of other inputs than the ledger was bound to.

    Raises:
        InputFileError: as :func:`file_lines`; a line is no input or too long; the file
            changed since ``digest`` was computed.

    """
    name = str(path)
    seen = InputDigest()
    for number, text, parsed in numbered_lines(file_lines(path), path=name):
        if isinstance(parsed, str):
            raise InputFileError(name, number, parsed)
        seen.update(number, text)
        yield parsed
    if digest is not None and seen.hexdigest() != digest:
        raise InputFileError(name, None, "changed while the run was reading it; run again")


def prefix_digest(path: str | Path, count: int) -> str:
    """Return the digest of the first ``count`` inputs of file ``path`` (constant memory).

    The digest :func:`read_inputs` gives with ``limit=count``; bad lines among them are left
    out (a first pass reports them). Raises InputFileError as :func:`file_lines` does.
    """
    digest = InputDigest()
    taken = 0
    for number, text, parsed in numbered_lines(file_lines(path), path=str(path)):
        if taken >= count:
            break
        if isinstance(parsed, str):
            continue
        digest.update(number, text)
        taken += 1
    return digest.hexdigest()


def _undecodable_line(path: str | Path) -> int | None:
    """Return the number of the first line of ``path`` that is not UTF-8, or None."""
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return number
    except OSError:
        return None
    return None
