"""Keep classes and functions small enough to read: fail when one grows past the limit.

Usage: ``python scripts/check_sizes.py [--top N] [PATH ...]`` (default: overlays and emulator).
Counts source lines from ``class``/``def`` to the end of its body (decorators excluded,
docstrings and comments included). Exits 1 listing every class over ``CLASS_LIMIT`` lines and
every function over ``FUNCTION_LIMIT`` lines; ``--top N`` also prints the N largest of each.
Generated code is not checked (it is output, not written here).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path
from typing import NamedTuple

CLASS_LIMIT = 250
FUNCTION_LIMIT = 60
DEFAULT_PATHS = ("overlays", "emulator")


class Block(NamedTuple):
    """One class or function: its kind, length in lines and where it starts."""

    kind: str
    lines: int
    where: str


def blocks(paths: list[Path]) -> list[Block]:
    """Return every class and function (nested ones too) defined under `paths`."""
    found: list[Block] = []
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                    kind = "class" if isinstance(node, ast.ClassDef) else "function"
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    found.append(Block(kind, length, f"{path}:{node.lineno} {node.name}"))
    return found


def main(argv: list[str] | None = None) -> int:
    """Print oversized blocks (and the largest, with --top); return 1 when any is over."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--top", type=int, default=0, help="also print the N largest of each")
    args = parser.parse_args(argv)
    found = blocks(args.paths or [Path(p) for p in DEFAULT_PATHS])
    limits = {"class": CLASS_LIMIT, "function": FUNCTION_LIMIT}
    over = [b for b in found if b.lines > limits[b.kind]]
    for kind, limit in limits.items():
        ranked = sorted((b for b in found if b.kind == kind), key=lambda b: -b.lines)
        if args.top:
            print(f"largest {kind} blocks (limit {limit} lines):")
            for block in ranked[: args.top]:
                print(f"  {block.lines:5d}  {block.where}")
    for block in over:
        print(f"{block.where}: {block.kind} of {block.lines} lines (limit {limits[block.kind]})")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
