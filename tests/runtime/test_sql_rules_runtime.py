"""PG202 and PG105 against a real server.

PG202: each documented bad example is rejected with the parameter error the
rule predicts; each good example succeeds. PG105: the documented transaction
sent through ``pool.query`` runs its statements on different backend PIDs as
soon as another request takes the client ``BEGIN`` ran on, and that request
finds itself inside the transfer's transaction; the fix runs them on one.
See docs/runtime.md.
"""

from __future__ import annotations

from typing import Any

from conftest import Server
from harness import doc_example, exec_python, findings, require_module, run_js

PG202 = frozenset({"PG202"})
PG105 = frozenset({"PG105"})


def test_pg202_node_postgres_bad_example_is_rejected(pg_server: Server) -> None:
    snippet = doc_example("PG202", "Example", "js")
    assert findings(snippet, ".js", PG202) == ["PG202"]
    result = run_js(snippet, "rename", [[1, "ada"]], pg_server, pg_server, max_clients=1)
    assert [c.get("error") for c in result["calls"]] == [
        'bind message supplies 1 parameters, but prepared statement "" requires 2']


def test_pg202_node_postgres_good_example_succeeds(pg_server: Server) -> None:
    snippet = doc_example("PG202", "Use instead", "js")
    assert findings(snippet, ".js", PG202) == []
    result = run_js(snippet, "rename", [[1, "ada"]], pg_server, pg_server, max_clients=1)
    assert [c["ok"] for c in result["calls"]] == [True]


def _psycopg2_search(server: Server, section: str) -> Any:
    psycopg2 = require_module("psycopg2")
    search = exec_python(doc_example("PG202", section, "python"), {})["search"]
    conn = psycopg2.connect(server.dsn())
    try:
        with conn.cursor() as cur:
            search(cur, 5)
            return cur.fetchall()
    except Exception as exc:  # noqa: BLE001 - the error is what the test looks at
        return exc
    finally:
        conn.close()


def test_pg202_psycopg2_bad_example_is_rejected(pg_server: Server) -> None:
    assert findings(doc_example("PG202", "Example", "python"), ".py", PG202) == ["PG202"]
    outcome = _psycopg2_search(pg_server, "Example")
    # psycopg2 reads "%'" as a placeholder: more placeholders than values
    assert isinstance(outcome, IndexError)
    assert str(outcome) == "tuple index out of range"


def test_pg202_psycopg2_good_example_succeeds(pg_server: Server) -> None:
    assert findings(doc_example("PG202", "Use instead", "python"), ".py", PG202) == []
    assert _psycopg2_search(pg_server, "Use instead") == [(1,)]


def _example_statements(result: dict[str, Any]) -> list[tuple[str, int]]:
    """The statements the example ran (not the other request's), with their backend PIDs."""
    return [(sql, pid) for sql, pid in result["statements"] if not sql.startswith("SELECT pg_backend_pid()")]


def test_pg105_node_postgres_bad_example_runs_on_different_backends(pg_server: Server) -> None:
    snippet = doc_example("PG105", "Example", "js")
    assert findings(snippet, ".js", PG105) == ["PG105", "PG105"]  # BEGIN and COMMIT
    result = run_js(snippet, "transfer", [[1, 2]], pg_server, pg_server, max_clients=2, intruder=True)
    assert [c["ok"] for c in result["calls"]] == [True]
    (sql_begin, begin_pid), (_, update_pid), (sql_commit, commit_pid) = _example_statements(result)
    assert (sql_begin, sql_commit) == ("BEGIN", "COMMIT")
    assert begin_pid != update_pid == commit_pid
    # the other request got the client BEGIN ran on, inside the transfer's transaction
    assert result["intruder"] == {"pid": begin_pid, "insideEarlierTransaction": True}


def test_pg105_node_postgres_good_example_runs_on_one_backend(pg_server: Server) -> None:
    snippet = doc_example("PG105", "Use instead", "js")
    assert findings(snippet, ".js", PG105) == []
    result = run_js(snippet, "transfer", [[1, 2]], pg_server, pg_server, max_clients=2, intruder=True)
    assert [c["ok"] for c in result["calls"]] == [True]
    statements = _example_statements(result)
    assert [sql for sql, _ in statements][::2] == ["BEGIN", "COMMIT"]
    assert len({pid for _, pid in statements}) == 1
    assert result["intruder"]["insideEarlierTransaction"] is False
