"""The Python frontend's cheap pass: parse errors, import records, exports, and module resolution."""

from __future__ import annotations

import textwrap

import pytest

from pglint.drivers import default_registry
from pglint.drivers.model import Value
from pglint.languages.base import ExportRecord, ImportRecord, ModuleIndex, ParseError, ProjectIndex
from pglint.languages.python import PythonAdapter


def index(src: str, path: str = "/proj/app/mod.py") -> ModuleIndex:
    adapter = PythonAdapter()
    return adapter.index(adapter.parse(path, textwrap.dedent(src).encode()), default_registry())


def test_adapter_identity() -> None:
    adapter = PythonAdapter()
    assert adapter.name == "python"
    assert adapter.extensions == (".py", ".pyi")


def test_syntax_error_becomes_parse_error_with_position() -> None:
    with pytest.raises(ParseError) as info:
        PythonAdapter().parse("/proj/bad.py", b"def f(:\n    pass\n")
    assert info.value.line == 1
    assert info.value.column == 7
    assert "syntax" in info.value.message


def test_null_byte_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        PythonAdapter().parse("/proj/bad.py", b"x = 1\x00\n")


def test_empty_file_indexes_to_nothing() -> None:
    idx = index("")
    assert idx.imports == [] and idx.exports == {} and not idx.imports_driver


def test_import_records_keep_modules_as_written() -> None:
    idx = index("""\
    import psycopg2
    import psycopg2.pool
    from psycopg2 import pool
    from psycopg_pool import ConnectionPool as CP
    from .db import shared
    from . import db
    import app.db as appdb
    from ..pkg.db import other
    """)
    assert idx.imports == [
        ImportRecord("psycopg2", "psycopg2", None, 1),
        ImportRecord("psycopg2", "psycopg2.pool", None, 2),
        ImportRecord("pool", "psycopg2", "pool", 3),
        ImportRecord("CP", "psycopg_pool", "ConnectionPool", 4),
        ImportRecord("shared", ".db", "shared", 5),
        ImportRecord("shared", ".db.shared", None, 5),  # in case `shared` is a submodule
        ImportRecord("db", ".", "db", 6),
        ImportRecord("db", ".db", None, 6),
        ImportRecord("appdb", "app.db", None, 7),
        ImportRecord("other", "..pkg.db", "other", 8),
        ImportRecord("other", "..pkg.db.other", None, 8),
    ]
    assert idx.imports_driver


def test_imports_driver_only_for_driver_modules() -> None:
    assert not index("import sqlite3\nimport redis\nfrom .db import pool\n").imports_driver
    assert index("import asyncpg\n").imports_driver
    assert index("from aiopg import create_pool\n").imports_driver
    assert index("import psycopg_pool\n").imports_driver
    assert index("def f():\n    import psycopg\n").imports_driver  # inside a function counts too


def test_exports_values_reexports_and_definitions() -> None:
    idx = index("""\
    import asyncpg
    import psycopg2.pool
    import app.other
    import app.db as appdb
    from psycopg_pool import ConnectionPool as CP
    from .db import shared as local_shared

    pool = psycopg2.pool.ThreadedConnectionPool(1, 10, "dbname=app")
    cp = CP("dbname=app")
    apg: "asyncpg.Pool | None" = None
    lazy = None
    not_a_pool = dict()

    async def init():
        global lazy
        lazy = await asyncpg.create_pool("dbname=app")

    class Repo:
        pass
    """)
    ex = idx.exports
    assert ex["pool"] == ExportRecord("pool", value=Value("psycopg2", "pool"))
    assert ex["cp"] == ExportRecord("cp", value=Value("psycopg_pool", "pool"))
    assert ex["apg"] == ExportRecord("apg", value=Value("asyncpg", "pool"))
    assert ex["lazy"] == ExportRecord("lazy", value=Value("asyncpg", "pool"))
    assert ex["local_shared"] == ExportRecord("local_shared", reexport=(".db", "shared"))
    assert ex["appdb"] == ExportRecord("appdb", reexport=("app.db", None))
    assert ex["app"] == ExportRecord("app", reexport=("app", None))
    assert ex["init"] == ExportRecord("init")
    assert ex["Repo"] == ExportRecord("Repo")
    assert "not_a_pool" not in ex
    assert "asyncpg" not in ex and "CP" not in ex  # driver imports are not project re-exports


def test_module_level_blocks_are_indexed() -> None:
    ex = index("""\
    import psycopg2.pool
    try:
        pool = psycopg2.pool.SimpleConnectionPool(1, 2, "")
    except Exception:
        pool = None
    if True:
        from .db import other
    """).exports
    assert ex["pool"].value == Value("psycopg2", "pool")
    assert ex["other"].reexport == (".db", "other")


KNOWN = {
    "/p/app/__init__.py": 1,
    "/p/app/db.py": 1,
    "/p/app/sub/__init__.py": 1,
    "/p/app/sub/x.py": 1,
    "/p/app/pkg/db.pyi": 1,
    "/p/top.py": 1,
}


@pytest.mark.parametrize(("from_path", "module", "expected"), [
    ("/p/app/service.py", ".db", "/p/app/db.py"),
    ("/p/app/service.py", ".sub.x", "/p/app/sub/x.py"),
    ("/p/app/service.py", ".sub", "/p/app/sub/__init__.py"),
    ("/p/app/service.py", ".", "/p/app/__init__.py"),
    ("/p/app/service.py", ".pkg.db", "/p/app/pkg/db.pyi"),
    ("/p/app/sub/x.py", "..db", "/p/app/db.py"),
    ("/p/app/sub/x.py", "..", "/p/app/__init__.py"),
    ("/p/app/sub/x.py", "...", None),  # /p/__init__.py is not a project file
    ("/p/app/sub/x.py", "app.db", "/p/app/db.py"),  # absolute: tried from every ancestor
    ("/p/app/sub/x.py", "app.sub", "/p/app/sub/__init__.py"),
    ("/p/app/sub/x.py", "top", "/p/top.py"),
    ("/p/scripts/run.py", "app.db", "/p/app/db.py"),
    ("/p/app/service.py", "psycopg2", None),
    ("/p/app/service.py", ".missing", None),
    ("/p/app/service.py", "", None),
])
def test_resolve(from_path: str, module: str, expected: str | None) -> None:
    assert PythonAdapter().resolve(from_path, module, KNOWN.keys()) == expected


def test_project_index_follows_reexports_across_files() -> None:
    adapter = PythonAdapter()
    registry = default_registry()
    files = {
        "/p/app/__init__.py": "from .db import pool\n",
        "/p/app/db.py": "import psycopg2.pool\npool = psycopg2.pool.ThreadedConnectionPool(1, 2, '')\n",
        "/p/app/handlers.py": "from app import pool\n",
        "/p/other.py": "import json\n",
    }
    project = ProjectIndex({"python": adapter})
    for path, src in files.items():
        project.add(adapter.index(adapter.parse(path, src.encode()), registry))
    assert project.imported_value("/p/app/handlers.py", ImportRecord("pool", "app", "pool")) == Value(
        "psycopg2", "pool")
    assert project.involves_postgres("/p/app/handlers.py")
    assert not project.involves_postgres("/p/other.py")
