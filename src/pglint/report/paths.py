"""How the line-oriented formats (concise, github, junit) show a finding's path."""

from __future__ import annotations

import os


def shown_path(path: str, cwd: str, posix: bool = True) -> str:
    """``path`` relative to ``cwd`` when it lies inside it (``/``-separated when ``posix``), else absolute."""
    ap = os.path.abspath(os.path.join(cwd, path))
    try:
        rel = os.path.relpath(ap, cwd)
    except ValueError:  # another drive (Windows)
        return ap
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return ap
    return rel.replace(os.sep, "/") if posix else rel
