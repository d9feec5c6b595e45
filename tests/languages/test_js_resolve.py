"""Module specifier resolution for JavaScript/TypeScript (Node and TypeScript conventions)."""

from __future__ import annotations

import pytest

from pglint.languages.javascript.adapter import JavaScriptAdapter

KNOWN = {
    "/p/src/db.js",
    "/p/src/pool.ts",
    "/p/src/view.tsx",
    "/p/src/esm.mts",
    "/p/src/cjs.cts",
    "/p/src/lib/index.ts",
    "/p/src/config/index.js",
    "/p/lib/db.js",
    "/p/src/exact.mjs",
}


@pytest.mark.parametrize(("spec", "expected"), [
    ("./db", "/p/src/db.js"),
    ("./db.js", "/p/src/db.js"),
    ("./pool", "/p/src/pool.ts"),
    ("./pool.js", "/p/src/pool.ts"),  # TypeScript: import './pool.js' means pool.ts
    ("./view", "/p/src/view.tsx"),
    ("./view.jsx", "/p/src/view.tsx"),
    ("./esm.mjs", "/p/src/esm.mts"),
    ("./cjs.cjs", "/p/src/cjs.cts"),
    ("./lib", "/p/src/lib/index.ts"),
    ("./config", "/p/src/config/index.js"),
    ("../lib/db.js", "/p/lib/db.js"),
    ("../lib/db", "/p/lib/db.js"),
    ("./exact.mjs", "/p/src/exact.mjs"),
    ("/p/lib/db", "/p/lib/db.js"),
    ("./missing", None),
    ("pg", None),
    ("@vercel/postgres", None),
    ("@/lib/db", None),
])
def test_resolve(spec: str, expected: str | None) -> None:
    assert JavaScriptAdapter().resolve("/p/src/app.ts", spec, KNOWN) == expected


def test_resolve_accepts_any_container_of_paths() -> None:
    adapter = JavaScriptAdapter()
    assert adapter.resolve("/p/src/app.js", "./db", list(KNOWN)) == "/p/src/db.js"
    assert adapter.resolve("/p/src/app.js", "./db", dict.fromkeys(KNOWN).keys()) == "/p/src/db.js"


def test_a_module_never_resolves_to_itself() -> None:
    assert JavaScriptAdapter().resolve("/p/src/db.js", "./db", KNOWN) is None


@pytest.mark.parametrize("first", ["/p/src/app.js", "/p/src/db.js"])
def test_remembered_answers_never_resolve_a_file_to_itself(first: str) -> None:
    # the answer is remembered per (directory, specifier) in KnownPaths.memo; a file in that
    # directory that would resolve to itself gets the next candidate, whichever file asked first
    from pglint.languages.base import KnownPaths

    known = KnownPaths({"/p/src/db.js", "/p/src/db/index.js", "/p/src/app.js"})
    adapter = JavaScriptAdapter()
    expected = {"/p/src/app.js": "/p/src/db.js", "/p/src/db.js": "/p/src/db/index.js"}
    order = [first, *(p for p in expected if p != first)]
    for path in order * 2:
        assert adapter.resolve(path, "./db", known) == expected[path]
    assert known.memo  # the answers were remembered
