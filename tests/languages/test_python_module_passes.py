"""The whole-module passes of the Python query collector give the same answer when they skip work.

:func:`~pglint.languages.python.queries.unknown_query_calls` enters only statements whose lines
name a query method, and :func:`~pglint.languages.python.queries._raises_blocks` looks at the text
first; both must agree with a plain walk of the whole tree on every shape where a name sits on
another line than the statement's first (decorators, calls split over lines, other line endings).
"""

from __future__ import annotations

import ast

import pytest

from pglint.languages.python.queries import SQL_KEYWORDS, UNKNOWN_METHODS, _raises_blocks, unknown_query_calls


def _walk_everything(tree: ast.AST) -> bool:
    """The reference: every call of the tree, as a plain ``ast.walk`` sees it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in UNKNOWN_METHODS:
            first = node.args[0] if node.args else next(
                (k.value for k in node.keywords if k.arg in SQL_KEYWORDS), None)
            if first is None or isinstance(first, ast.Starred) or (
                    isinstance(first, ast.Constant) and not isinstance(first.value, (str, bytes))):
                continue
            return True
    return False


SQL = 'Q = "SELECT 1"\n'
SOURCES = {
    "plain": SQL + "def f(cur):\n    cur.execute(Q)\n",
    "no call": SQL + "def f(cur):\n    return 'execute'\n",
    "decorator": SQL + "@register(\n    cur.execute(Q))\ndef f():\n    pass\n",
    "class decorator": SQL + "@register(cur.fetch(Q))\nclass C:\n    x = 1\n",
    "split call": SQL + "def f(cur):\n    return (cur\n        .\n        executemany(\n            Q, []))\n",
    "continued": SQL + "x = cur.\\\n    fetchrow(Q)\n",
    "nested": SQL + "class C:\n    def m(self):\n        def g():\n            return self.conn.copy_expert(Q, f)\n",
    "constant argument": SQL + "def f(cur):\n    cur.execute(42)\n",
    "keyword": SQL + "def f(cur):\n    cur.execute(query=Q)\n",
    "in handler": SQL + "try:\n    pass\nexcept E:\n    cur.execute(Q)\n",
    "in match": SQL + "match x:\n    case 1:\n        cur.execute(Q)\n",
    "lambda": SQL + "f = lambda cur: (\n    cur.fetchval(Q))\n",
    "name elsewhere": SQL + "def execute():\n    pass\n\ndef f(cur):\n    cur.run(Q)\n",
}


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_unknown_query_calls_matches_a_full_walk(name: str, ending: str) -> None:
    source = SOURCES[name].replace("\n", ending).encode()
    tree = ast.parse(source)
    assert unknown_query_calls(tree, source, []) is _walk_everything(tree)


def test_unknown_query_calls_finds_the_shapes_it_must() -> None:
    found = {name for name, text in SOURCES.items() if unknown_query_calls(ast.parse(text), text.encode(), [])}
    assert found == {"plain", "decorator", "class decorator", "split call", "continued", "nested", "keyword",
                     "in handler", "in match", "lambda"}


@pytest.mark.parametrize("text, expected", [
    ("def test():\n    with pytest.raises(E):\n        f()\n", [(2, 3)]),
    ("def test(self):\n    with self.assertRaisesRegex(E, 'x'):\n        f()\n", [(2, 3)]),
    ("def test():\n    with open(p):\n        f()\n", []),
])
def test_raises_blocks_with_and_without_the_text(text: str, expected: list[tuple[int, int]]) -> None:
    tree = ast.parse(text)
    assert _raises_blocks(tree) == expected
    assert _raises_blocks(tree, text.encode()) == expected
