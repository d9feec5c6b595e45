'''PG302 no-hardcoded-credentials: a literal password in connection options or a connection string.

## What it does
Finds passwords written into the code: `password: 'secret'` in pool/client
options, `password="secret"` keyword arguments, and connection strings with a
password (`postgresql://app:secret@db/app`, `"host=db password=secret"`),
followed through local and module constants. Values from the environment
(`process.env.PGPASSWORD`, `os.environ[...]`), secrets managers and
placeholders such as `${PGPASSWORD}` are fine — but a literal default after
them (`process.env.PGPASSWORD || 'secret'`, `os.getenv("PGPASSWORD", "secret")`)
is reported as a hard-coded fallback.

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
Test fixtures that connect to a throwaway local database are reported too;
suppress them per file.

## References
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
- [libpq: the password file](https://www.postgresql.org/docs/current/libpq-pgpass.html)
'''

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..analysis.conninfo import looks_like_placeholder, parse_conninfo
from ..diagnostics import Diagnostic
from .base import Rule, RuleMeta

if TYPE_CHECKING:
    from ..engine import FileContext

_PASSWORD_KEYS = ("password", "passwd", "pass")


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
        for site in ctx.lowered.connects:
            for key, opt in site.options:
                leaf = key.rsplit(".", 1)[-1].lower()
                if leaf not in _PASSWORD_KEYS or not opt.constant:
                    continue
                if isinstance(opt.value, str) and not looks_like_placeholder(opt.value):
                    yield self.diagnostic(ctx, opt.span or site.span,
                                          _message(f"the `{key}` option of {site.api}", opt.from_env),
                                          function=site.function)
            ci = site.conninfo
            if ci is None or not ci.constant or not isinstance(ci.value, str):
                continue
            settings = parse_conninfo(ci.value) or {}
            password = settings.get("password")
            if password and not looks_like_placeholder(password):
                yield self.diagnostic(ctx, ci.span or site.span,
                                      _message(f"the connection string of {site.api}", ci.from_env),
                                      function=site.function)


def _message(where: str, fallback: bool) -> str:
    """A value that is constant *and* from the environment is an environment variable with a
    literal default (`process.env.PGPASSWORD || 'secret'`, `os.getenv("PGPASSWORD", "secret")`):
    the default ships in the code and is used wherever the variable is unset."""
    if fallback:
        return (f"Hard-coded fallback password in {where}: it is used whenever the environment "
                "variable is unset, and it is in the source")
    return f"Hard-coded password in {where}"
