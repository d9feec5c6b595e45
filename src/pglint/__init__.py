"""pglint: a static analyzer for code that talks to PostgreSQL (Python and JavaScript/TypeScript)."""

__version__ = "0.1.0"
