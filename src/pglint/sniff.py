"""Cheap looks at the text of a file pglint could not fully read: could it hold database code?

A JS/TS file the grammar reads only in part, or a file over the size limit, is
reported (PG001) only when something pglint checks may be in what was not
read: the text names a driver module, or holds SQL. These tests read the bytes
only (no parse): a module name in an ``import``/``require``/``from`` and a
string that starts like a SQL statement (``"SELECT … FROM``, ``'INSERT INTO``,
```UPDATE t SET``, …; in lower case only in shapes English text does not take).
"""

from __future__ import annotations

import re
from typing import Callable

#: A quote, then the start of a SQL statement in capitals (as SQL in code is mostly written).
_SQL_CAPITALS = re.compile(
    rb"""['"`]\s*(?:SELECT\s[^'"`;]{0,400}?\bFROM\s|INSERT\s+INTO\s|UPDATE\s+[\w."]+\s+SET\s|DELETE\s+FROM\s"""
    rb"""|(?:CREATE|ALTER|DROP)\s+(?:(?:TEMP|TEMPORARY|UNIQUE|OR\s+REPLACE)\s+)*"""
    rb"""(?:TABLE|INDEX|VIEW|SCHEMA|FUNCTION|EXTENSION|SEQUENCE)\s|COPY\s+[\w."]+\s+(?:FROM|TO)\s)""")
#: The same in any case, only in shapes English text does not take (``select a file from the list``
#: is not SQL; ``select id, name from users`` is).
_SQL_ANY_CASE = re.compile(
    rb"""['"`]\s*(?:select\s+(?:distinct\s+)?(?:\*|[\w."]+(?:\s*,\s*[\w."]+)*)\s+from\s+[\w."]+"""
    rb"""\s*(?:['"`;]|$|where\b|join\b|order\b|group\b|limit\b)"""
    rb"""|insert\s+into\s+[\w."]+\s*\(|update\s+[\w."]+\s+set\s+[\w."]+\s*=|delete\s+from\s+[\w."]+\s+where\b"""
    rb"""|(?:create|alter|drop)\s+table\s+(?:if\s+(?:not\s+)?exists\s+)?[\w."]+)""",
    re.IGNORECASE | re.MULTILINE)

#: JS ``from 'm'`` / ``require('m')`` / ``import('m')`` / ``import 'm'``; Python ``import m`` / ``from m import``.
_JS_MODULE = re.compile(rb"""(?:\bfrom|\brequire\s*\(|\bimport\s*\(|\bimport)\s*(['"])([^'"\n]{1,200})\1""")
_PY_MODULE = re.compile(rb"^[ \t]*(?:import|from)[ \t]+(\.*[A-Za-z_][\w.]*|\.+)", re.MULTILINE)


def mentions_sql(text: bytes) -> bool:
    """Whether ``text`` has a string that starts like a SQL statement."""
    return _SQL_CAPITALS.search(text) is not None or _SQL_ANY_CASE.search(text) is not None


def module_names(text: bytes, language: str) -> list[str]:
    """The module names ``text`` imports or requires (read from the text: no parse)."""
    if language == "python":
        return [m.group(1).decode("ascii", "replace") for m in _PY_MODULE.finditer(text)]
    return [m.group(2).decode("utf-8", "replace") for m in _JS_MODULE.finditer(text)]


def may_hold_database_code(text: bytes, language: str, is_driver_module: Callable[[str, str], bool]) -> bool:
    """Whether ``text`` names a driver module of ``language`` or holds SQL."""
    return mentions_sql(text) or any(is_driver_module(language, m) for m in module_names(text, language))
