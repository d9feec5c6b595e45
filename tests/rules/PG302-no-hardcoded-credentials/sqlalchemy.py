# PG302 — SQLAlchemy: a password in the URL given to `create_engine()` / `create_async_engine()`,
# or in `connect_args`.
import os

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

# ruleid: no-hardcoded-credentials
engine = create_engine("postgresql+psycopg2://billing:Tr0ub4dor&3@db.internal/billing")

# ruleid: no-hardcoded-credentials
async_engine = create_async_engine("postgresql+asyncpg://billing:Tr0ub4dor&3@db.internal/billing")

# ruleid: no-hardcoded-credentials
args = create_engine("postgresql+psycopg2://billing@db.internal/billing", connect_args={"password": "Tr0ub4dor&3"})

# ok: no-hardcoded-credentials
from_env = create_engine(os.environ["DATABASE_URL"])

# ok: no-hardcoded-credentials -- another database's URL
mysql = create_engine("mysql+pymysql://billing:Tr0ub4dor&3@db.internal/billing")
