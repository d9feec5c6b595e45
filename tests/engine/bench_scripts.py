"""Load a script of ``bench/`` as a module, for the tests of its pure parts (the scripts are not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_bench_script(name: str) -> ModuleType:
    """``bench/<name>.py`` as the module ``pglint_bench_<name>``, registered in ``sys.modules``
    (dataclasses look their module up there)."""
    module_name = f"pglint_bench_{name}"
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
