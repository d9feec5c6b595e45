"""PG201 no-unsafe-query — Django's raw-SQL escape hatches.

``connection.cursor()`` / ``connections[alias].cursor()`` queries, ``Model.objects.raw()``,
``QuerySet.extra(where=[…], select={…})`` and ``RawSQL(…)`` take SQL text: a value spliced into
it is SQL. Values passed as ``params`` are not.
"""

from django.db import connection, connections
from django.db.models.expressions import RawSQL

from .models import Book


def by_title(title):
    with connection.cursor() as cur:
        # ruleid: no-unsafe-query
        cur.execute("SELECT id FROM books WHERE title = '%s'" % title)
        return cur.fetchall()


def by_title_on(alias, title):
    cur = connections[alias].cursor()
    # ruleid: no-unsafe-query
    cur.execute(f"SELECT id FROM books WHERE title = '{title}'")
    # ok: no-unsafe-query
    cur.execute("SELECT id FROM books WHERE title = %s", [title])


def raw_by_author(author):
    # ruleid: no-unsafe-query
    return Book.objects.raw("SELECT * FROM books WHERE author = '" + author + "'")


def raw_on_replica(author):
    # ok: no-unsafe-query
    return Book.objects.using("replica").raw("SELECT * FROM books WHERE author = %s", [author])


def extra_where(author):
    # ruleid: no-unsafe-query
    return Book.objects.filter(published=True).extra(where=["author = '%s'" % author])


def extra_select(column):
    # ruleid: no-unsafe-query
    return Book.objects.extra(select={"flag": "price > " + column})


def extra_params(author):
    # ok: no-unsafe-query
    return Book.objects.extra(where=["author = %s"], params=[author])


def annotated(rank):
    # ruleid: no-unsafe-query
    return Book.objects.annotate(score=RawSQL("SELECT count(*) FROM reviews WHERE stars > " + rank, ()))


def annotated_params(rank):
    # ok: no-unsafe-query
    return Book.objects.annotate(score=RawSQL("SELECT count(*) FROM reviews WHERE stars > %s", (rank,)))


def not_a_manager(response, text):
    # ok: no-unsafe-query -- `raw` of something that is not a model's manager
    return response.raw("SELECT " + text)


def notify(channel, message):
    with connection.cursor() as cur:
        # ok: no-unsafe-query -- a channel name (an identifier position), the payload a parameter
        cur.execute("NOTIFY {}, %s".format(channel), [message])


def watched_by(user, viewer):
    viewer_id = -1
    if viewer is not None:
        viewer_id = viewer.id
    sql = "SELECT id FROM watched WHERE user_id = {user} AND viewer_id = {viewer}".format(
        user=user.pk, viewer=viewer_id)
    with connection.cursor() as cur:
        # ok: no-unsafe-query -- a model's primary key (an integer or a UUID)
        cur.execute(sql)
        return cur.fetchall()
