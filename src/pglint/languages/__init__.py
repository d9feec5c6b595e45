"""Language frontends. Only this package imports a parser.

``adapters()`` returns one adapter per language, created on first use (no parser
is loaded at import time); ``language_for(path)`` maps a file extension to one.
"""

from __future__ import annotations

import os
from functools import lru_cache

from .base import LanguageAdapter

PYTHON_EXTENSIONS = (".py", ".pyi")
JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


def language_for(path: str) -> str | None:
    ext = os.path.splitext(path)[1].lower()
    if ext in PYTHON_EXTENSIONS:
        return "python"
    if ext in JS_EXTENSIONS:
        return "javascript"
    return None


@lru_cache(maxsize=1)
def adapters() -> dict[str, LanguageAdapter]:
    from .javascript.adapter import JavaScriptAdapter
    from .python.adapter import PythonAdapter

    return {"python": PythonAdapter(), "javascript": JavaScriptAdapter()}
