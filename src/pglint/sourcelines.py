"""What a line is, per language: the one place pglint splits source text into lines.

Line numbers and columns, the source line a finding's fingerprint is built
from, and the line a suppression comment applies to must all agree with the
language's own idea of a line, or a finding moves, a baseline entry stops
matching, or a ``# noqa`` lands on the wrong statement:

* **Python** ends a line at ``\\n``, ``\\r\\n`` or ``\\r`` (the language
  reference, "Physical lines"). A form feed is whitespace, and ``\\x1c``–``\\x1e``,
  ``\\x85``, U+2028 and U+2029 are ordinary characters — ``str.splitlines()``
  would break lines at all of them, so it is never used on source text.
* **JavaScript/TypeScript** end a line at LF, CR, CRLF, U+2028 LINE SEPARATOR
  and U+2029 PARAGRAPH SEPARATOR (ECMAScript's *LineTerminatorSequence*).

Every function takes the language as the engine names it (``"python"`` or
``"javascript"``, which covers TypeScript); anything else gets Python's rule
(``\\n``, ``\\r\\n``, ``\\r``). Byte functions work on UTF-8 source, text
functions on decoded source.
"""

from __future__ import annotations

import re
from typing import Pattern

_BYTE_BREAKS: dict[str, Pattern[bytes]] = {
    "python": re.compile(rb"\r\n?|\n"),
    "javascript": re.compile(rb"\r\n?|\n|\xe2\x80[\xa8\xa9]"),  # U+2028, U+2029 in UTF-8
}
_TEXT_BREAKS: dict[str, Pattern[str]] = {
    "python": re.compile(r"\r\n?|\n"),
    "javascript": re.compile("\r\n?|[\n\u2028\u2029]"),
}


def byte_breaks(language: str) -> Pattern[bytes]:
    """The pattern matching one line terminator of ``language`` in UTF-8 bytes."""
    return _BYTE_BREAKS.get(language, _BYTE_BREAKS["python"])


def text_breaks(language: str) -> Pattern[str]:
    """The pattern matching one line terminator of ``language`` in text."""
    return _TEXT_BREAKS.get(language, _TEXT_BREAKS["python"])


def _only_lf(source: bytes, language: str) -> bool:
    """Whether LF is the only line terminator ``source`` can hold (the common, fast case)."""
    return b"\r" not in source and (language != "javascript" or b"\xe2\x80" not in source)


def split_lines(source: bytes, language: str) -> list[bytes]:
    """The lines of ``source`` without their terminators; like ``bytes.split(b"\\n")``, a
    source ending in a terminator has an empty last line, so line ``n`` is ``[n - 1]``."""
    if _only_lf(source, language):
        return source.split(b"\n")
    return byte_breaks(language).split(source)


def split_text_lines(text: str, language: str) -> list[str]:
    """:func:`split_lines` for decoded text."""
    return text_breaks(language).split(text)


def line_starts(source: bytes, language: str) -> list[int]:
    """The byte offset at which each line of ``source`` starts (``[0]`` for one line)."""
    return [0] + [m.end() for m in byte_breaks(language).finditer(source)]


def count_breaks(text: str, language: str) -> int:
    """How many line terminators ``text`` holds (a CRLF is one)."""
    return sum(1 for _ in text_breaks(language).finditer(text))


def first_line(text: str, language: str) -> str:
    """``text`` up to its first line terminator."""
    m = text_breaks(language).search(text)
    return text if m is None else text[:m.start()]


__all__ = ["byte_breaks", "count_breaks", "first_line", "line_starts", "split_lines", "split_text_lines",
           "text_breaks"]
