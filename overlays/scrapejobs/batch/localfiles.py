"""Local files of a run: an exclusive lock per file, outputs written whole or not at all.

- :func:`hold_lock` takes an exclusive ``flock`` on a sidecar ``<file>.lock``. The kernel drops
  it when the process ends, however it ends (SIGKILL included), so a killed run never blocks its
  own resume; a second run on the same file is refused with :class:`FileBusyError`.
- :func:`atomic_writer` writes a file under a temporary name in the same directory, flushes,
  fsyncs, renames it over the target and fsyncs the directory: a reader (or a crash) sees the old
  file or the new one, never a part of either.
- :class:`LocalFileError` is a local I/O failure (disk full, read-only, permission) naming the
  file; the CLI gives it its own exit code.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from scrapejobs.errors import ScrapejobsError


class LocalFileError(ScrapejobsError):
    """A local file of the run could not be read or written (names the file and why)."""

    def __init__(
        self, path: str | Path, what: str, error: OSError | str, *, verb: str = "write"
    ) -> None:
        self.path = str(path)
        reason = error if isinstance(error, str) else (error.strerror or str(error))
        super().__init__(f"cannot {verb} the {what} {self.path}: {reason}")


class FileBusyError(ScrapejobsError):
    """Another process holds the file's run lock (another run uses it)."""


def lock_path(path: str | Path) -> Path:
    """Return the sidecar lock file of ``path`` (``<resolved path>.lock``).

    The path is resolved (symlinks followed) so two spellings of one file share one lock.
    """
    resolved = Path(os.path.realpath(path))
    return resolved.with_name(resolved.name + ".lock")


class Lock:
    """An exclusive lock held on an open file until :meth:`release` (or the process ends)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def release(self) -> None:
        """Drop the lock (the lock file stays: removing it would race with a new locker)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor drops the flock

    def __del__(self) -> None:
        self.release()


def hold_lock(path: str | Path, what: str) -> Lock:
    """Take the exclusive run lock of ``path`` (``what`` names it in messages) without waiting.

    Returns the held :class:`Lock`; the lock file records the holder's pid.

    Raises:
        FileBusyError: another process holds it.
        LocalFileError: the lock file cannot be created or opened.

    """
    where = lock_path(path)
    try:
        fd = os.open(where, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise LocalFileError(where, f"lock file of the {what}", exc, verb="open") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = _read_pid(fd)
        os.close(fd)
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise LocalFileError(where, f"lock file of the {what}", exc, verb="lock") from None
        by = f" (pid {holder})" if holder else ""
        raise FileBusyError(
            f"the {what} {path} is in use by another scrapejobs run{by}; "
            "wait for it to end or stop it, then run again"
        ) from None
    with contextlib.suppress(OSError):  # the pid is only a hint for the refusal message
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return Lock(where, fd)


def _read_pid(fd: int) -> str:
    with contextlib.suppress(OSError):
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return text
    return ""


def fsync_directory(path: str | Path) -> None:
    """Flush a directory's entries (a rename in it) to disk; a no-op where unsupported."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems cannot fsync a directory
            os.fsync(fd)
    finally:
        os.close(fd)


def partial_path(path: str | Path) -> Path:
    """Return where :func:`atomic_writer` writes ``path`` before renaming it (``.<name>.partial``)."""
    target = Path(path)
    return target.with_name(f".{target.name}.partial")


@contextlib.contextmanager
def atomic_writer(path: str | Path, what: str) -> Iterator[IO[str]]:
    """Yield a text handle whose content replaces ``path`` whole when the block ends normally.

    The content goes to :func:`partial_path` of the resolved path (the caller holds the file's
    lock, so the name is its own), is flushed and fsynced, renamed over ``path``, and the directory is fsynced. When
    the block raises, the temporary file is removed and ``path`` is left as it was. Writes in
    the block raise ``OSError`` as usual (see :func:`write_or_fail` to name the file).

    Raises:
        LocalFileError: opening, syncing or renaming failed (``path`` is left as it was).

    """
    target = Path(os.path.realpath(path))  # a symlinked output is replaced where it points
    temporary = partial_path(target)
    try:
        handle = open(temporary, "w", encoding="utf-8")  # noqa: SIM115 -- closed below
    except OSError as exc:
        raise LocalFileError(target, what, exc) from None
    try:
        yield handle
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.replace(temporary, target)
        except OSError as exc:
            raise LocalFileError(target, what, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            handle.close()
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    fsync_directory(target.parent)


def write_or_fail(handle: IO[str], text: str, path: str | Path, what: str) -> None:
    """Write ``text`` to ``handle`` (of ``path``).

    Raises:
        LocalFileError: the write failed (e.g. the disk is full), naming ``path``.

    """
    try:
        handle.write(text)
    except OSError as exc:
        raise LocalFileError(path, what, exc) from None


def write_atomically(path: str | Path, text: str, what: str) -> None:
    """Replace ``path`` with ``text`` whole (see :func:`atomic_writer`).

    Raises:
        LocalFileError: it could not be written (``path`` is left as it was).

    """
    with atomic_writer(path, what) as handle:
        write_or_fail(handle, text, path, what)
