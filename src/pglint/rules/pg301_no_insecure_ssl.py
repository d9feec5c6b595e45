'''PG301 no-insecure-ssl: TLS switched off or certificate verification disabled.

## What it does
Looks at the options of every pool and connection a driver creates:
`ssl: { rejectUnauthorized: false }`, `ssl: false`, `sslmode=disable`,
`allow`, `prefer` or `require` (in keyword options or in the connection
string), asyncpg's `ssl="require"`-style modes, and `ssl.SSLContext`s with
`verify_mode = CERT_NONE` or `check_hostname = False` handed to a driver. The
message says what each setting actually does. Keys may be written as strings
or computed from a known string (`{ ['ssl']: … }`), `rejectUnauthorized: 0`
is as false as `false` (Node's TLS tests the value's truth), and both arms of
a conditional are read (`ssl: prod ? { rejectUnauthorized: false } :
undefined` disables verification in production). Options assembled in steps
before the pool is made are read too (`const cfg = {}; cfg.ssl = { … };`,
`cfg['ssl'] = …`, `Object.assign(cfg, { ssl: … })`, then `new Pool(cfg)` in
the same block, the name not reassigned; in Python `cfg["sslmode"] = …`,
`cfg.update(sslmode=…)` or `cfg |= {…}` on a dict literal or `dict(…)`, then
`psycopg2.connect(**cfg)` in the same function — a later write of a key wins,
one in a branch counts).

Django's `DATABASES` settings are read for every alias whose `ENGINE` is a
PostgreSQL backend written as a literal (`OPTIONS: {"sslmode": "disable"}`),
and pg8000's `ssl_context=False` or an unverified context passed as
`ssl_context=` (its default, `None`, also skips verification but is not
reported: every call would be).

The connection options of a TypeORM `new DataSource({ … })` (`ssl`, `url`) and
of a knex config (`knex({ client: 'pg', connection: { ssl } })`) are read like
a node-postgres pool's.

SQLAlchemy: the URL given to `create_engine()` / `create_async_engine()`
(`?sslmode=disable`) and its `connect_args` are read.

## Why is this bad?
Without certificate verification anyone on the network path can pose as the
database server and read or change every query and password (CWE-295).
`sslmode=require` encrypts but accepts any certificate; `prefer` and `allow`
silently fall back to plaintext. Use `verify-full` (or `verify-ca`) with the
server's CA.

## Example
```js
const { Pool } = require('pg');

const pool = new Pool({
  host: 'db.internal',
  ssl: { rejectUnauthorized: false },
});
```

```python
import psycopg2

conn = psycopg2.connect("host=db.internal dbname=app sslmode=require")
```

## Use instead
```js
const fs = require('fs');
const { Pool } = require('pg');

const pool = new Pool({
  host: 'db.internal',
  ssl: { ca: fs.readFileSync('/etc/ssl/db-ca.pem').toString() },
});
```

```python
import psycopg2

conn = psycopg2.connect("host=db.internal dbname=app sslmode=verify-full sslrootcert=/etc/ssl/db-ca.pem")
```

## Known problems
Options assembled at run time (read from a file, merged from several objects,
set inside a branch or another function) are only checked where their values
are visible.

## References
- [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
- [libpq: SSL mode descriptions](https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-SSLMODE-STATEMENTS)
- [node-postgres: SSL](https://node-postgres.com/features/ssl)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.conninfo import parse_conninfo
from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..analysis.context import FileContext

_MODES = {
    "disable": "sslmode=disable sends everything, passwords included, in plaintext",
    "allow": "sslmode=allow uses plaintext unless the server insists on TLS, and never verifies the certificate",
    "prefer": "sslmode=prefer falls back to plaintext and never verifies the server certificate",
    "require": "sslmode=require encrypts but accepts any server certificate (no verification)",
    "no-verify": "sslmode=no-verify (node-postgres) encrypts but accepts any server certificate",
}


class NoInsecureSsl(Rule):
    meta = RuleMeta(
        code="PG301",
        name="no-insecure-ssl",
        severity="error",
        summary="TLS disabled or certificate verification turned off",
        fix="Verify the server: sslmode=verify-full with sslrootcert (or ssl: { ca }) instead",
        cwe="CWE-295",
        kind="pattern",
    )

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        for site in ctx.lowered.connects:
            for key, opt in site.options:
                if not opt.constant or opt.from_env:
                    continue
                reason = self._option_reason(key.lower(), opt.value)
                if reason:
                    yield self.diagnostic(ctx, opt.span or site.span, reason, function=site.function)
            ci = site.conninfo
            if ci is not None and ci.constant and not ci.from_env and isinstance(ci.value, str):
                settings = parse_conninfo(ci.value) or {}
                mode = settings.get("sslmode", "").lower()
                if mode in _MODES:
                    yield self.diagnostic(ctx, ci.span or site.span, f"Connection string: {_MODES[mode]}",
                                          function=site.function)
                if settings.get("ssl", "").lower() in ("false", "0") and site.driver != "psycopg2":
                    yield self.diagnostic(ctx, ci.span or site.span, "Connection string switches TLS off (ssl=false)",
                                          function=site.function)

    @staticmethod
    def _option_reason(key: str, value: object) -> str | None:
        leaf = key.rsplit(".", 1)[-1]
        if leaf == "rejectunauthorized" and (value is False or (type(value) is int and value == 0)):
            # Node's TLS checks the option's truth: 0 turns verification off like false
            return "rejectUnauthorized: false accepts any server certificate (no verification)"
        if key == "ssl" and value is False:
            return "ssl: false sends everything, passwords included, in plaintext"
        if key == "ssl_context" and value is False:
            return "ssl_context=False (pg8000) sends everything, passwords included, in plaintext"
        if leaf in ("sslmode", "ssl") and isinstance(value, str) and value.lower() in _MODES:
            return _MODES[value.lower()]
        if leaf in ("ssl", "ssl_context") and value in ("CERT_NONE", "check_hostname=False"):
            return f"the SSL context passed as {leaf}= disables verification ({value})"
        if leaf in ("verify_mode",) and value == "CERT_NONE":
            return "ssl.CERT_NONE disables certificate verification"
        return None
