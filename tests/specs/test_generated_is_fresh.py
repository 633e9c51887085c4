"""``generated/`` is exactly what the specs and pinned generators produce (no hand edits)."""

from __future__ import annotations

import subprocess
import sys

from tests.specs.spec_documents import ROOT


def test_generated_tree_matches_a_fresh_generation() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
