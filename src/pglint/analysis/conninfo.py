"""Reading connection strings: libpq key/value DSNs and ``postgres://`` URLs.

Used by the TLS and credential rules. ``parse_conninfo`` returns the settings
as a dict (keys lower-cased; URL user-info becomes ``user``/``password``,
query parameters become settings) or ``None`` when the text is not a
connection string. It follows libpq's syntax: ``key = value`` pairs separated
by whitespace, values optionally single-quoted with ``\\'`` escapes. A URL's
host list becomes ``host`` (ports dropped, ``""`` for ``postgresql:///db``);
``is_local_host`` says whether a host setting names only this machine.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

_SCHEMES = ("postgres://", "postgresql://", "postgres+", "postgresql+")


def parse_conninfo(text: str) -> dict[str, str] | None:
    s = text.strip()
    if s.lower().startswith(_SCHEMES):
        return _parse_url(s)
    if "=" in s:
        return _parse_kv(s)
    return None


def _parse_url(s: str) -> dict[str, str] | None:
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    out: dict[str, str] = {}
    netloc = parts.netloc
    out["host"] = ",".join(_strip_port(h) for h in netloc.rsplit("@", 1)[-1].split(","))
    if "@" in netloc:
        userinfo = netloc.rsplit("@", 1)[0]
        if ":" in userinfo:
            user, password = userinfo.split(":", 1)
            out["user"] = unquote(user)
            out["password"] = unquote(password)
        else:
            out["user"] = unquote(userinfo)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        out[key.lower()] = value
    return out


def _strip_port(hostport: str) -> str:
    """``db:5432`` → ``db``, ``[::1]:5432`` → ``::1``; percent-escapes (socket paths) decoded."""
    h = unquote(hostport.strip())
    if h.startswith("["):
        return h[1:h.index("]")] if "]" in h else h[1:]
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def _parse_kv(s: str) -> dict[str, str] | None:
    out: dict[str, str] = {}
    i, n = 0, len(s)
    while i < n:
        while i < n and s[i].isspace():
            i += 1
        if i >= n:
            break
        start = i
        while i < n and s[i] not in "= \t\n":
            i += 1
        key = s[start:i].lower()
        while i < n and s[i].isspace():
            i += 1
        if i >= n or s[i] != "=" or not key:
            return None
        i += 1
        while i < n and s[i].isspace():
            i += 1
        value: list[str] = []
        if i < n and s[i] == "'":
            i += 1
            while i < n and s[i] != "'":
                if s[i] == "\\" and i + 1 < n:
                    i += 1
                value.append(s[i])
                i += 1
            i += 1
        else:
            while i < n and not s[i].isspace():
                if s[i] == "\\" and i + 1 < n:
                    i += 1
                value.append(s[i])
                i += 1
        out[key] = "".join(value)
    return out or None


def looks_like_placeholder(value: str) -> bool:
    """``${PGPASSWORD}``, ``$PGPASSWORD``, ``%(password)s``, ``{password}``, ``<password>``, ``***``,
    a metasyntactic word (``foo``, ``bar``); ``changeme`` is not one (it gets deployed)."""
    v = value.strip()
    if not v:
        return True
    if v.startswith("$") or v.startswith("%(") or (v.startswith("{") and v.endswith("}")):
        return True
    if v.startswith("<") and v.endswith(">"):
        return True
    if v.lower() in _METASYNTACTIC:
        return True  # `password=bar`: the words examples and scratch code fill a slot with
    return set(v) <= {"*", "x", "X", "."}


#: The words a programmer writes where any value would do (``host=foo password=bar``).
_METASYNTACTIC = frozenset({"foo", "bar", "baz", "qux", "quux", "foobar"})


_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "::1", "0:0:0:0:0:0:0:1"})


def is_local_host(host: str) -> bool:
    """Whether every host of ``host`` (a comma-separated libpq host list) is this machine: a
    loopback name or address (``localhost``, ``127.0.0.1``, any ``127.x.y.z``, ``::1``) or a
    Unix-domain socket directory (``/var/run/postgresql``, ``@abstract``). An empty entry is
    libpq's default, the local socket."""
    for entry in host.split(","):
        h = entry.strip().lower()
        if h.startswith("[") and h.endswith("]"):
            h = h[1:-1]
        if not h or h.startswith(("/", "@")) or h in _LOOPBACK_NAMES:
            continue
        parts = h.split(".")
        if len(parts) == 4 and parts[0] == "127" and all(p.isdigit() and int(p) < 256 for p in parts):
            continue
        return False
    return True
