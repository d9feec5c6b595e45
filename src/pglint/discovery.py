"""Which files a run looks at: walk the given paths, keep source files of known languages.

Directories that never hold project code (``node_modules``, virtualenvs, build
output, VCS folders) are skipped; files named explicitly are always kept.
"""

from __future__ import annotations

import os

from .languages import language_for

SKIP_DIRS = frozenset({
    "node_modules", ".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "env", ".env",
    ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".pglint_cache",
    "build", "dist", ".next", ".nuxt", "coverage", "site-packages", ".eggs", "out",
})


class DiscoveryError(Exception):
    pass


def discover(paths: list[str]) -> list[str]:
    """Absolute, normalised, sorted paths of the source files under ``paths``."""
    found: set[str] = set()
    for p in paths:
        ap = os.path.abspath(p)
        if not os.path.exists(ap):
            raise DiscoveryError(f"{p}: no such file or directory")
        if os.path.isfile(ap):
            found.add(ap)
            continue
        for dirpath, dirnames, filenames in os.walk(ap):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info"))
            for f in filenames:
                if language_for(f) is not None:
                    found.add(os.path.join(dirpath, f))
    return sorted(found)
