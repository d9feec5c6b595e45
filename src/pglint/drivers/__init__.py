"""The built-in driver models and the registry the frontends consult.

``default_registry()`` gathers every model in this package; configuration can
add more (project pools and helpers) as further :class:`DriverModel` entries.
"""

from __future__ import annotations

from functools import lru_cache

from .model import DriverModel, DriverRegistry, Factory, KindInfo, Method, Value


def builtin_models() -> tuple[DriverModel, ...]:
    from . import (aiopg, asyncpg, django, node_postgres, orm_js, pg8000, pg_promise, postgres_js, psycopg,
                   psycopg2, sqlalchemy)

    return (*node_postgres.MODELS, *psycopg2.MODELS, *psycopg.MODELS, *asyncpg.MODELS,
            *aiopg.MODELS, *postgres_js.MODELS, *pg_promise.MODELS, *orm_js.MODELS, *django.MODELS,
            *pg8000.MODELS, *sqlalchemy.MODELS)


@lru_cache(maxsize=1)
def default_registry() -> DriverRegistry:
    return DriverRegistry(builtin_models())


__all__ = ["DriverModel", "DriverRegistry", "Factory", "KindInfo", "Method", "Value",
           "builtin_models", "default_registry"]
