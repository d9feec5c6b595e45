"""A throwaway PostgreSQL server for the runtime tests (issue 17).

The session fixture :func:`pg_server` gives the tests a server they may fill
and exhaust:

* ``PGLINT_TEST_DSN`` set: that server is used (the role needs CREATEDB and
  CREATEROLE: the tests create their own database and roles and drop them);
* otherwise, when the PostgreSQL server binaries are installed (Debian's
  ``postgresql`` package: ``/usr/lib/postgresql/<version>/bin``), a cluster is
  created with ``initdb`` in a temporary directory, started with ``pg_ctl`` on
  a free loopback port with a small ``max_connections``, and stopped and
  removed when the session ends. ``initdb`` refuses to run as root, so as root
  the cluster belongs to the ``postgres`` user and its commands run through
  ``runuser -u postgres --``;
* neither: the runtime tests are skipped with one reason, and with
  ``PGLINT_RUNTIME_REQUIRED=1`` (CI sets it) that skip is a failure.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

REQUIRED = os.environ.get("PGLINT_RUNTIME_REQUIRED") == "1"
DSN_VARIABLE = "PGLINT_TEST_DSN"
MAX_CONNECTIONS = 40
DATABASE = "pglint_runtime"


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when the runtime tests are required."""
    if REQUIRED:
        pytest.fail(f"runtime tests required (PGLINT_RUNTIME_REQUIRED=1) but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class Server:
    """Where the test server listens, and as whom the tests administer it."""

    host: str
    port: int
    user: str
    password: str | None
    database: str

    def as_role(self, role: str, password: str) -> Server:
        """The same server and database, logged in as ``role``."""
        return Server(self.host, self.port, role, password, self.database)

    def dsn(self) -> str:
        """A libpq key/value connection string (psycopg2, psycopg, psycopg_pool)."""
        parts = [f"host={self.host}", f"port={self.port}", f"user={self.user}", f"dbname={self.database}"]
        if self.password:
            parts.append(f"password={self.password}")
        return " ".join(parts)

    def url(self) -> str:
        """A postgresql:// URL (asyncpg)."""
        auth = self.user + (f":{self.password}" if self.password else "")
        return f"postgresql://{auth}@{self.host}:{self.port}/{self.database}"

    def env(self, application_name: str) -> dict[str, str]:
        """libpq environment variables, which node-postgres reads too."""
        env = {"PGHOST": self.host, "PGPORT": str(self.port), "PGUSER": self.user,
               "PGDATABASE": self.database, "PGAPPNAME": application_name}
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL server's ``bin`` folder, or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Server | str]:
    """A server to administer, or the reason there is none (a string)."""
    with server_or_reason() as found:
        yield found


@contextmanager
def server_or_reason() -> Iterator[Server | str]:
    """The test server (PGLINT_TEST_DSN, or a throwaway cluster) for the session, or why there is none.

    ``bench/differential.py`` uses it outside pytest.
    """
    dsn = os.environ.get(DSN_VARIABLE)
    if dsn:
        server = _from_dsn(dsn)
        try:
            yield server
        finally:
            _drop_test_objects(dsn)
        return
    binaries = server_binaries()
    if binaries is None:
        yield (f"no PostgreSQL server: install the server binaries (apt-get install postgresql) "
               f"or set {DSN_VARIABLE}")
        return
    owner: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            yield "running as root and there is no 'postgres' user to own the test cluster"
            return
        owner = "postgres"
    workdir = tempfile.mkdtemp(prefix="pglint-pg-")
    data = os.path.join(workdir, "data")
    log = os.path.join(workdir, "server.log")
    if owner:
        shutil.chown(workdir, owner, owner)
    port = free_port()
    try:
        subprocess.run(_as_owner([str(binaries / "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
                                  "--no-sync", "-E", "UTF8"], owner),
                       check=True, capture_output=True, text=True)
        options = (f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c max_connections={MAX_CONNECTIONS}"
                   " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        subprocess.run(_as_owner([str(binaries / "pg_ctl"), "-D", data, "-l", log, "-o", options, "-w",
                                  "-t", "30", "start"], owner),
                       check=True, capture_output=True, text=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        shutil.rmtree(workdir, ignore_errors=True)
        yield f"could not start a PostgreSQL cluster with {binaries}: {detail.strip().splitlines()[-1:]}"
        return
    try:
        server = Server("127.0.0.1", port, "postgres", None, "postgres")
        yield _with_database(server)
    finally:
        subprocess.run(_as_owner([str(binaries / "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"], owner),
                       capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


def _from_dsn(dsn: str) -> Server:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    with psycopg.connect(dsn) as conn:
        password = conninfo_to_dict(dsn).get("password")
        server = Server(conn.info.host, conn.info.port, conn.info.user,
                        str(password) if password else None, conn.info.dbname)
    return _with_database(server)


def _drop_test_objects(dsn: str) -> None:
    """Drop what the tests created on a server they were lent (PGLINT_TEST_DSN)."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{LIMITED_ROLE}'")
        conn.execute(f"DROP ROLE IF EXISTS {LIMITED_ROLE}")


SCHEMA = """
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL);
CREATE TABLE accounts (id integer PRIMARY KEY, balance integer NOT NULL CHECK (balance >= 0));
INSERT INTO users VALUES (1, 'ada'), (2, 'bob');
INSERT INTO orders VALUES (10, 1), (11, 1), (12, 2);
INSERT INTO accounts VALUES (1, 100), (2, 100);
"""


def _with_database(server: Server) -> Server:
    """Create the tests' database (dropping a leftover one) with its tables."""
    import psycopg

    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    test_server = Server(server.host, server.port, server.user, server.password, DATABASE)
    with psycopg.connect(test_server.dsn(), autocommit=True) as conn:
        conn.execute(SCHEMA)
    return test_server


LIMITED_ROLE = "pglint_runtime_limited"
LIMITED_PASSWORD = "pglint-runtime"


@pytest.fixture
def limited_role(pg_server: Server, request: pytest.FixtureRequest) -> Server:
    """The server as a role that may hold ``request.param`` connections and read no table.

    Direct connections (PG103) run out of the role's ``CONNECTION LIMIT``
    (``too many connections for role``), the per-role form of the server's
    ``max_connections``; the role's queries fail (``permission denied for
    table``), which is the failure the examples' witness paths need.
    """
    import psycopg

    limit = int(request.param)
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{LIMITED_ROLE}'")
        conn.execute(f"DROP ROLE IF EXISTS {LIMITED_ROLE}")
        conn.execute(f"CREATE ROLE {LIMITED_ROLE} LOGIN PASSWORD '{LIMITED_PASSWORD}' CONNECTION LIMIT {limit}")
    return pg_server.as_role(LIMITED_ROLE, LIMITED_PASSWORD)


@pytest.fixture
def pg_server(pg_cluster: Server | str) -> Server:
    """The test server; skips (or fails, when required) without one."""
    if isinstance(pg_cluster, str):
        unavailable(pg_cluster)
    assert isinstance(pg_cluster, Server)
    return pg_cluster
