"""The package re-exports the shared pool: `from app import pool` works too."""

from .db import pool

__all__ = ["pool"]
