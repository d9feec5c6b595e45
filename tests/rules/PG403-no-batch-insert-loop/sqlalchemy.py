# PG403 — SQLAlchemy's text() statements in loops, in a data migration.
from alembic import op
from sqlalchemy import text


def upgrade_row_by_row():
    conn = op.get_bind()
    rows = conn.execute(text("SELECT id, name FROM organization")).fetchall()
    for row in rows:
        # ruleid: no-batch-insert-loop
        conn.execute(text("UPDATE organization SET slug = lower(:name) WHERE id = :id"),
                     {"name": row[1], "id": row[0]})


def upgrade_in_chunks():
    conn = op.get_bind()
    while conn.execute(text("SELECT count(*) FROM releases WHERE flag IS NULL")).scalar() > 0:
        # ok: no-batch-insert-loop -- each round updates a chunk of LIMIT rows: the loop is the batching
        conn.execute(text("""
            UPDATE releases SET flag = is_pre(version)
            WHERE id IN (SELECT id FROM releases WHERE flag IS NULL LIMIT :batch)
        """), {"batch": 10000})
