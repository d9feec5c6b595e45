'''PG302 no-hardcoded-credentials: a literal password in connection options or a connection string.

## What it does
Finds passwords written into the code: `password: 'secret'` in pool/client
options, `password="secret"` keyword arguments, and connection strings with a
password (`postgresql://app:secret@db/app`, `"host=db password=secret"`),
followed through local and module constants; a connection string built
around a literal password (`` `postgres://app:secret@${host}/db` ``,
`f"postgresql://app:secret@{host}/db"`) counts, and so do keys computed from a
known string (`{ ['password']: 'secret' }`), and options assembled in steps
before the pool is made (`cfg.password = 'secret'`, `cfg['password'] = …`,
`Object.assign(cfg, { password: … })`, then `new Pool(cfg)`; in Python
`cfg["password"] = …`, `cfg.update(password=…)`, `cfg |= {…}` or `cfg =
dict(…, password=…)`, then `psycopg2.connect(**cfg)`). Values from the environment
(`process.env.PGPASSWORD`, `os.environ[...]`), secrets managers and
placeholders such as `${PGPASSWORD}` are fine — but a literal default after
them (`process.env.PGPASSWORD || 'secret'`, `os.getenv("PGPASSWORD", "secret")`)
is reported as a hard-coded fallback.

A password for a server on this machine is not reported: when the host — the
`host`/`hostaddr` option, else the connection string's host — is written in
the code (alone, or as the default after an environment variable such as
`process.env.PGHOST || '127.0.0.1'`) and names only loopback (`localhost`,
`127.0.0.1`, `::1`) or a Unix-socket directory (`/var/run/postgresql`), the
password is the well-known one of a local or docker test database
(`postgres://postgres:postgres@localhost:5432/postgres`) and guards nothing
another machine can reach. A connection with no host, or a host that is not
known where it is built, may go anywhere (`PGHOST`, configuration): it is
reported. One password used by several connections (an options object spread
into a `Client` and a `Pool`) is one finding.

Nor are placeholders that say they are: a metasyntactic word (`host=foo
password=bar`, `baz`, `qux`), and, in Python, a password in a connection
made inside `with pytest.raises(…)` / `with self.assertRaises(…)`: a test of a
refused login, whose password is wrong on purpose.

Django: a literal `PASSWORD` in `DATABASES` for an alias whose `ENGINE` is a
PostgreSQL backend, test settings included (a `HOST` on this machine is not
reported); `os.environ[…]`/`os.getenv(…)` values are not, nor are `env(…)` /
`config(…)` calls of settings libraries. pg8000: `password=` of `connect()` /
`native.Connection()`.

The connection options of a TypeORM `new DataSource({ password, url })` and of
a knex config (`connection: { password }` or a URL) are read like a
node-postgres pool's.

SQLAlchemy: a password in the `postgresql+driver://` URL given to
`create_engine()` / `create_async_engine()`, or in its `connect_args`; another
database's URL (`mysql://…`, `sqlite://…`) is not read.

## Why is this bad?
A password in the source is in every clone, every CI log and every container
image, and it cannot be rotated without a deploy (CWE-798). Generic secret
scanners miss DSN and URL forms; this rule reads them.

## Example
```js
const { Pool } = require('pg');

const pool = new Pool({ user: 'app', password: 'hunter2', host: 'db' });
```

```python
import asyncpg

async def connect():
    return await asyncpg.connect("postgresql://app:hunter2@db/app")
```

## Use instead
```js
const { Pool } = require('pg');

const pool = new Pool({ user: 'app', password: process.env.PGPASSWORD, host: 'db' });
```

```python
import os
import asyncpg

async def connect():
    return await asyncpg.connect(os.environ["DATABASE_URL"])
```

## Known problems
Test fixtures whose throwaway database is not on this machine by a host
written in the code (a host from a fixture object, a docker service name,
no host at all) are reported; suppress them per file — so is a benchmark
client with the docker image's `postgres`/`postgres` and no host (libpq then
uses `PGHOST`, which may name any server). In JavaScript a deliberately wrong
password in a test expecting the login to fail (`await
expect(client.connect()).rejects…`) is reported. In
Python, the default of `os.getenv("PGHOST", "localhost")` is not read, so such
a host counts as unknown.

## References
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
- [libpq: the password file](https://www.postgresql.org/docs/current/libpq-pgpass.html)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.conninfo import is_local_host, looks_like_placeholder, parse_conninfo
from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext
    from ..ir.query import ConnectSite

_PASSWORD_KEYS = ("password", "passwd", "pass")
_HOST_KEYS = ("host", "hostaddr")


class NoHardcodedCredentials(Rule):
    meta = RuleMeta(
        code="PG302",
        name="no-hardcoded-credentials",
        severity="error",
        summary="literal passwords in connection options or connection strings",
        fix="Read the password from the environment (PGPASSWORD, DATABASE_URL) or a secrets manager",
        cwe="CWE-798",
        kind="pattern",
    )

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        # one password written once (an options object spread into several pools): one finding
        reported: set[tuple[int, int, str]] = set()
        for site in ctx.lowered.connects:
            if _local_server(site) or site.expects_failure:
                continue
            for key, opt in site.options:
                leaf = key.rsplit(".", 1)[-1].lower()
                if leaf not in _PASSWORD_KEYS or not opt.constant:
                    continue
                if isinstance(opt.value, str) and not looks_like_placeholder(opt.value):
                    span = opt.span or site.span
                    if (span.line, span.column, opt.value) not in reported:
                        reported.add((span.line, span.column, opt.value))
                        yield self.diagnostic(ctx, span, _message(f"the `{key}` option of {site.api}", opt.from_env),
                                              function=site.function)
            ci = site.conninfo
            if ci is None or not ci.constant or not isinstance(ci.value, str):
                continue
            settings = parse_conninfo(ci.value) or {}
            password = settings.get("password")
            if password and not looks_like_placeholder(password):
                span = ci.span or site.span
                if (span.line, span.column, password) not in reported:
                    reported.add((span.line, span.column, password))
                    yield self.diagnostic(ctx, span, _message(f"the connection string of {site.api}", ci.from_env),
                                          function=site.function)


def _local_server(site: "ConnectSite") -> bool:
    """Whether the connection goes to this machine only: its host — the `host`/`hostaddr`
    option, else the connection string's — is written in the code (alone or as the default
    after an environment variable) and names loopback or a Unix socket. A host that is not
    given, or not known, may be anywhere (``PGHOST``)."""
    for key, opt in site.options:
        if key.lower() in _HOST_KEYS:
            return opt.constant and isinstance(opt.value, str) and bool(opt.value.strip()) \
                and is_local_host(opt.value)
    ci = site.conninfo
    if ci is None or not ci.constant or not isinstance(ci.value, str):
        return False
    settings = parse_conninfo(ci.value) or {}
    host = settings.get("host") or settings.get("hostaddr", "")
    return bool(host.strip()) and is_local_host(host)


def _message(where: str, fallback: bool) -> str:
    """A value that is constant *and* from the environment is an environment variable with a
    literal default (`process.env.PGPASSWORD || 'secret'`, `os.getenv("PGPASSWORD", "secret")`):
    the default ships in the code and is used wherever the variable is unset."""
    if fallback:
        return (f"Hard-coded fallback password in {where}: it is used whenever the environment "
                "variable is unset, and it is in the source")
    return f"Hard-coded password in {where}"
