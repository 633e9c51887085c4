"""A real, throwaway PostgreSQL server on 127.0.0.1 for tests and benchmarks.

Where the binaries come from, first found wins:

1. ``SCRAPEJOBS_PG_BIN`` (a directory holding ``initdb``, ``pg_ctl`` and ``postgres``);
2. the ``pgserver`` wheel (PyPI; pinned in the ``test`` dependency group), which ships
   PostgreSQL 16's binaries, so ``nox -s tests`` on a fresh machine needs only Python;
3. the system's ``/usr/lib/postgresql/<version>/bin`` (Debian's packages).

Only pgserver's binaries are used, never its server management: it adds a system user and widens
directory permissions when run as root. Here, as root, the server runs as ``nobody`` through
``setpriv``-like ``preexec`` (``os.setgid``/``os.setuid``) on a data directory owned by that
user: PostgreSQL refuses to run as root. The server listens on 127.0.0.1 only, on a free port,
with trust authentication (loopback, throwaway data), and ``fsync=off`` (tests never survive a
power cut; the durability tested is PostgreSQL's commit semantics, which fsync does not change).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

NOBODY = "nobody"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries were found, or the server did not start (the message says why)."""


def find_binaries() -> Path:
    """Return a directory holding ``initdb``, ``pg_ctl`` and ``postgres``.

    Raises:
        PostgresUnavailable: when neither ``SCRAPEJOBS_PG_BIN``, pgserver nor the system has them.

    """
    candidates: list[Path] = []
    if os.environ.get("SCRAPEJOBS_PG_BIN"):
        candidates.append(Path(os.environ["SCRAPEJOBS_PG_BIN"]))
    with contextlib.suppress(ImportError), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        from pgserver._commands import POSTGRES_BIN_PATH

        candidates.append(Path(POSTGRES_BIN_PATH))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for directory in candidates:
        if all((directory / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return directory
    raise PostgresUnavailable(
        "no PostgreSQL binaries: install the test group (pgserver) or set SCRAPEJOBS_PG_BIN"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_user() -> tuple[int | None, int | None]:
    """The uid and gid the server runs as: ``nobody`` under root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None, None
    entry = pwd.getpwnam(NOBODY)
    return entry.pw_uid, entry.pw_gid


def _reachable_by_others(path: Path) -> bool:
    """Whether every directory above ``path`` lets other users through (``o+x``)."""
    return all(parent.stat().st_mode & 0o001 for parent in path.resolve().parents)


def _binaries_for(uid: int | None, binaries: Path, base: Path) -> Path:
    """Return binaries the server user can run: a copy of the install tree in ``base`` when
    ``nobody`` cannot reach the original (a venv under ``/root``, say)."""
    if uid is None or _reachable_by_others(binaries / "postgres"):
        return binaries
    install = binaries.parent  # .../pgserver/pginstall/bin -> .../pgserver/pginstall
    copy = base / install.parent.name / install.name
    shutil.copytree(install, copy, symlinks=True)
    # pgserver's binaries find their libraries at $ORIGIN/../../../pgserver.libs (auditwheel).
    wheel_libs = install.parent.parent / "pgserver.libs"
    if wheel_libs.is_dir():
        shutil.copytree(wheel_libs, base / wheel_libs.name, symlinks=True)
    for directory in (base / install.parent.name, *copy.rglob("*")):
        if directory.is_dir():
            directory.chmod(0o755)
    return copy / binaries.name


@dataclass(frozen=True)
class LocalPostgres:
    """A running server: ``url`` reaches its ``postgres`` database as the ``postgres`` role."""

    host: str
    port: int
    data: Path

    def url(self, database: str = "postgres") -> str:
        """Return a ``postgresql://`` URL for ``database`` on this server."""
        return f"postgresql://postgres@{self.host}:{self.port}/{database}"

    def create_database(self, prefix: str = "t") -> str:
        """Create an empty database with a unique name; return its URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextlib.contextmanager
def local_postgres(parent: Path | None = None) -> Iterator[LocalPostgres]:
    """Start a throwaway PostgreSQL server on 127.0.0.1; stop it and delete its data on exit.

    Raises:
        PostgresUnavailable: no binaries, or ``initdb``/``pg_ctl start`` failed (with its log).

    """
    binaries = find_binaries()
    base = Path(tempfile.mkdtemp(prefix="scrapejobs-pg-", dir=parent))
    data, log = base / "data", base / "server.log"
    uid, gid = _server_user()
    if uid is not None and gid is not None:
        base.chmod(0o755)
        data.mkdir(mode=0o700)
        log.touch()
        for path in (data, log):
            os.chown(path, uid, gid)
        binaries = _binaries_for(uid, binaries, base)
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}

    def run(*args: str, check: bool = True) -> None:
        subprocess.run(args, check=check, capture_output=True, env=env, user=uid, group=gid)

    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -k '' -c fsync=off -c max_connections=200"
    try:
        run(str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--no-sync")  # fmt: skip
        run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
            "-w", "-t", "60", "start")  # fmt: skip
    except subprocess.CalledProcessError as exc:
        text = (exc.stderr or b"").decode(errors="replace")
        if log.exists():
            text += log.read_text(errors="replace")
        shutil.rmtree(base, ignore_errors=True)
        raise PostgresUnavailable(f"PostgreSQL did not start: {text.strip()[-2000:]}") from exc
    try:
        yield LocalPostgres("127.0.0.1", port, data)
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover - a manual helper: start one and wait
    import signal
    import threading

    stop = threading.Event()
    # Ctrl-C, `kill` and a closed terminal all stop the server and remove its data directory.
    for stopping in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stopping, lambda *_: stop.set())
    with local_postgres() as server:
        print(server.url(), flush=True)
        stop.wait()
