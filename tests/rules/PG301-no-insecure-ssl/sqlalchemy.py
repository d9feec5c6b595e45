# PG301 — SQLAlchemy: `create_engine()` / `create_async_engine()` read the URL's query string
# and `connect_args` (passed to the DBAPI's connect()).
import os

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

# ruleid: no-insecure-ssl
plain = create_engine("postgresql+psycopg2://app@db.internal/app?sslmode=disable")

# ruleid: no-insecure-ssl
args = create_engine(os.environ["DATABASE_URL"], connect_args={"sslmode": "disable"})

# ok: no-insecure-ssl
verified = create_engine("postgresql+psycopg2://app@db.internal/app?sslmode=verify-full")

# ok: no-insecure-ssl
from_env = create_async_engine(os.environ["DATABASE_URL"])
