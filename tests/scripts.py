"""Load a script of ``scripts/`` as a module in the tests (``scripts/`` is not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(name: str) -> ModuleType:
    """Return ``scripts/<name>.py`` as module ``name``, loaded once per process.

    The scripts import their siblings (``benchlib``, ``bench_waiting_targets``) as the
    interpreter running ``python scripts/x.py`` finds them: a sibling is loaded the same way
    first. A script that fails to load leaves nothing behind in ``sys.modules``.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"no script {name!r} in {SCRIPTS}", name=name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(SCRIPTS))  # as `python scripts/<name>.py` has it, for its siblings
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    finally:
        sys.path.remove(str(SCRIPTS))
    return module
