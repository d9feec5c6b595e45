"""The progress bar a long run shows on a terminal.

:func:`should_show_progress` is the whole policy: only when stderr is a
terminal, only for the human-readable formats (a machine-readable report is
read by a program, and its consumer may capture stderr too), never under
``TERM=dumb``, never when the user asked for quiet output. Even then the bar
appears only once a run has taken :data:`DELAY` seconds, so short runs never
flash one. It writes ``\\r``-rewritten lines to stderr and erases itself at the end.
"""

from __future__ import annotations

import time
from typing import Callable, Mapping, TextIO

#: Formats meant for people; every other format is machine-readable.
HUMAN_FORMATS = frozenset({"text", "concise"})
#: Seconds a run must have taken before the bar is drawn.
DELAY = 1.0
#: Minimum seconds between redraws.
INTERVAL = 0.1


def should_show_progress(stream: TextIO, fmt: str, environ: Mapping[str, str],
                         quiet: bool = False) -> bool:
    """Show a progress bar on ``stream`` for a report in ``fmt``?"""
    if quiet or fmt not in HUMAN_FORMATS:
        return False
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # closed stream
        return False


class ProgressBar:
    """``pglint [#########...........] 120/450 files  3.2s`` on one rewritten line.

    Called as ``bar(phase, done, total)`` by the engine (``phase`` is
    ``"indexing"`` or ``"analysing"``).
    """

    def __init__(self, stream: TextIO, width: int = 30, delay: float = DELAY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.width = width
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.last = 0.0
        self.drawn = False

    def render(self, phase: str, done: int, total: int, elapsed: float) -> str:
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        return f"pglint [{bar}] {phase} {done}/{total} files  {elapsed:.1f}s"

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = self.clock()
        elapsed = now - self.start
        if elapsed < self.delay or (now - self.last < INTERVAL and done < total):
            return
        self.last = now
        try:
            self.stream.write("\r\x1b[K" + self.render(phase, done, total, elapsed))
            self.stream.flush()
            self.drawn = True
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        """Erase the bar (if it was drawn), leaving the cursor at the start of an empty line."""
        if self.drawn:
            try:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self.drawn = False
