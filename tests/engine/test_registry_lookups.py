"""The driver registry remembers which driver a module belongs to; the answers stay those of a scan."""

from __future__ import annotations

from dataclasses import replace

from pglint.drivers import default_registry
from pglint.drivers.model import DriverRegistry


def test_driver_for_module_asked_twice_gives_the_same_answer() -> None:
    registry = default_registry()
    for module in ("psycopg2", "psycopg2.pool", "psycopg2x", "psycopg_pool", "asyncpg.pool", "app.db", "pg"):
        first = registry.driver_for_module("python", module)
        assert registry.driver_for_module("python", module) is first
    assert registry.driver_for_module("python", "psycopg2.pool") is registry.models["psycopg2"]
    assert registry.driver_for_module("python", "psycopg2x") is None
    assert registry.driver_for_module("python", "pg") is None  # a JS module name, asked for Python
    assert registry.driver_for_module("javascript", "pg") is not None


def test_a_model_added_later_is_seen() -> None:
    registry = default_registry()
    assert registry.driver_for_module("python", "mydb.pool") is None
    extra = replace(registry.models["psycopg2"], name="mydb", modules=("mydb",))
    registry.models[extra.name] = extra
    assert registry.driver_for_module("python", "mydb.pool") is extra
    assert DriverRegistry(registry.models.values()).driver_for_module("python", "mydb") is extra
