"""Stable digests of analysis inputs, for the result cache.

``canonical(obj)`` turns configuration objects, driver models and index records
into one deterministic string: dataclasses by field, dicts by sorted key, sets
sorted, so the text does not depend on hash randomisation, insertion order or
the process that computed it. ``digest(*parts)`` hashes canonical forms.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from typing import Any


def canonical(obj: Any) -> str:
    """A deterministic text form of ``obj`` (primitives, containers, dataclasses, plain objects)."""
    out: list[str] = []
    _emit(obj, out, 0)
    return "".join(out)


def _emit(obj: Any, out: list[str], depth: int) -> None:
    if depth > 64:
        out.append("<deep>")
        return
    if obj is None or isinstance(obj, (bool, int, float)):
        out.append(repr(obj))
    elif isinstance(obj, str):
        out.append(repr(obj))
    elif isinstance(obj, bytes):
        out.append("b:" + hashlib.blake2b(obj, digest_size=16).hexdigest())
    elif isinstance(obj, enum.Enum):
        out.append(f"{type(obj).__name__}.{obj.name}")
    elif isinstance(obj, (list, tuple)):
        out.append("[" if isinstance(obj, list) else "(")
        for item in obj:
            _emit(item, out, depth + 1)
            out.append(",")
        out.append("]" if isinstance(obj, list) else ")")
    elif isinstance(obj, (set, frozenset)):
        items = sorted(canonical(item) for item in obj)
        out.append("{" + ",".join(items) + "}")
    elif isinstance(obj, dict):
        pairs: list[tuple[str, Any]] = sorted(((canonical(k), v) for k, v in obj.items()),
                                              key=lambda kv: kv[0])
        out.append("{")
        for key, value in pairs:
            out.append(key + ":")
            _emit(value, out, depth + 1)
            out.append(",")
        out.append("}")
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out.append(type(obj).__qualname__ + "(")
        for f in dataclasses.fields(obj):
            out.append(f.name + "=")
            _emit(getattr(obj, f.name), out, depth + 1)
            out.append(",")
        out.append(")")
    elif isinstance(obj, type) or callable(obj) and hasattr(obj, "__qualname__"):
        out.append(f"<{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', obj)}>")
    elif hasattr(obj, "__dict__"):
        out.append(type(obj).__qualname__ + "<")
        _emit({k: v for k, v in vars(obj).items() if not k.startswith("_")}, out, depth + 1)
        out.append(">")
    else:
        out.append(f"{type(obj).__qualname__}:{obj!r}")


def digest(*parts: Any) -> str:
    """A hex digest of the canonical forms of ``parts``."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(canonical(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def content_hash(data: bytes) -> str:
    """The hash of a file's content (cache key component)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()
