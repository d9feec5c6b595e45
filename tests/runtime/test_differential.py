"""The differential check (issue 17): generated programs run against the server and linted.

600 programs per language (seed 17) run with every failure point injected and
every value of their branch inputs; after each call the runner looks at the
pool for a connection still checked out. A program that leaked on some input
and on which pglint is silent is a false negative and fails the test (printed
with its program reduced to a minimal one). A false positive is reduced too:
one showing a documented gap (``KNOWN_FALSE_POSITIVES``, docs/runtime.md) is a
todo, any other fails the test; their rate is printed (``-s`` shows it).
``bench/differential.py`` runs the same check on thousands of programs.
"""

from __future__ import annotations

import tempfile

import pytest
from conftest import Server
from leak_programs import (KNOWN_FALSE_POSITIVES, Checker, Generator, Program, Query, Release, Try, Verdict,
                          generate, known_false_positive, reduce, render, report)
from harness import node_pg

COUNT = 600
SEED = 17


def _checker(language: str, server: Server) -> Checker:
    folder = tempfile.mkdtemp(prefix=f"pglint-diff-{language}-")
    if language == "js":
        return Checker("js", folder, pg_module=node_pg(), env=server.env("pglint-differential"))
    pytest.importorskip("psycopg2")
    return Checker("py", folder, dsn=server.dsn())


@pytest.mark.parametrize("language", ["js", "py"])
def test_generated_programs_agree_with_the_run(pg_server: Server, language: str) -> None:
    checker = _checker(language, pg_server)
    try:
        verdicts = checker.check(generate(COUNT, SEED))
        leaked = [v for v in verdicts if v.outcome.leaked]
        safe = [v for v in verdicts if not v.outcome.leaked]
        # the generator makes both kinds in numbers, else the comparison proves little
        assert len(leaked) > COUNT // 5 and len(safe) > COUNT // 5
        false_negatives = [v for v in verdicts if v.kind == "false negative"]
        false_positives = [v for v in verdicts if v.kind == "false positive"]
        print(f"\n{language}: {len(verdicts)} programs, {len(leaked)} leak at run time; "
              f"{len(false_negatives)} false negatives, {len(false_positives)} false positives "
              f"({100.0 * len(false_positives) / max(1, len(safe)):.1f}% of the programs that do not leak)")
        assert not false_negatives, "\n\n".join(report(v, reduce(checker, v)) for v in false_negatives[:3])
        unexplained: list[str] = []
        for v in false_positives:
            small = reduce(checker, v)
            gap = known_false_positive(small.program)
            print(f"todo ({gap}):\n{small.source}" if gap else report(v, small))
            if gap is None:
                unexplained.append(report(v, small))
        assert not unexplained, "\n\n".join(unexplained[:3])
    finally:
        checker.close()


def test_the_generator_is_reproducible_and_covers_the_idioms() -> None:
    first, again = generate(300, SEED), generate(300, SEED)
    assert first == again
    assert generate(300, SEED + 1) != first
    sources = [render(p, "js") for p in first]
    # every building block of the issue occurs
    for needle in ("await acquire()", "giveBack(client)", "held.push(client)", "console.log(",
                   "} catch (e) {", "throw e;", "} finally {", "return 1;", "throw new Error(", "if (!a)"):
        assert any(needle in s for s in sources), needle
    assert any(known_false_positive(p) == "correlated conditions" for p in first)
    assert set(KNOWN_FALSE_POSITIVES) == {"correlated conditions", "stored and released"}
    assert Generator(SEED).program() == first[0]


def test_a_leak_is_seen_and_a_release_in_finally_is_not(pg_server: Server) -> None:
    """The runner's observation itself: a query that fails before the release leaks, a finally does not."""
    leaky = Program((Query(), Release()))
    safe = Program((Try((Query(),), None, False, (Release(),)),))
    for language in ("js", "py"):
        checker = _checker(language, pg_server)
        try:
            bad, good = checker.check([leaky, safe])
        finally:
            checker.close()
        assert bad.outcome.leaks == [(False, False, (1,)), (False, True, (1,)), (True, False, (1,)), (True, True, (1,))]
        assert bad.reported and bad.kind is None
        assert good.outcome.leaks == [] and not good.reported
