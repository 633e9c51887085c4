"""What the benchmark scripts share: the peak memory of a process they run.

Imported as ``benchlib`` by the scripts beside it (``python scripts/bench_memory.py`` puts this
directory first on ``sys.path``; mypy finds it through ``mypy_path`` in pyproject.toml).
"""

from __future__ import annotations

import threading
from pathlib import Path


def sample_peak_rss(pid: int, peak: list[int], stop: threading.Event) -> None:
    """Keep ``peak[0]`` at the process's ``VmHWM`` (KiB) until ``stop`` or its exit."""
    status = Path(f"/proc/{pid}/status")
    while not stop.wait(0.05):
        try:
            text = status.read_text()
        except OSError:
            return
        if "VmHWM" not in text:
            return  # a zombie: it has exited
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peak[0] = max(peak[0], int(line.split()[1]))
