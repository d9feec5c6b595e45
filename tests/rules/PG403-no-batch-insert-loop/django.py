"""PG403 no-batch-insert-loop — Django cursor queries in loops.

A loop that walks the rows in chunks (a slice of a queryset or list, the loop ending when the
chunk is empty) and hands each whole chunk to the statement is already batched; a statement per
item is not.
"""

from django.db import connection

from .models import Flow

BATCH_SIZE = 500


def fix_counts():
    last_id = 0
    while True:
        ids = list(Flow.objects.filter(id__gt=last_id).values_list("id", flat=True)[:BATCH_SIZE])
        if not ids:
            break
        with connection.cursor() as cur:
            # ok: no-batch-insert-loop -- one statement per chunk of ids
            cur.execute("UPDATE flows SET counted = true WHERE id = ANY(%(ids)s)", {"ids": ids})
        last_id = ids[-1]


def archive(ids):
    with connection.cursor() as cur:
        for flow_id in ids:
            # ruleid: no-batch-insert-loop
            cur.execute("UPDATE flows SET archived = true WHERE id = %s", [flow_id])


def archive_in_chunks(ids):
    with connection.cursor() as cur:
        start = 0
        while True:
            chunk = ids[start:start + BATCH_SIZE]
            if not chunk:
                break
            # ok: no-batch-insert-loop
            cur.execute("UPDATE flows SET archived = true WHERE id = ANY(%s)", [chunk])
            start += BATCH_SIZE
