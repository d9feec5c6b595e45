"""PG202 check-query-params — Django.

Django's cursor passes ``%s`` / ``%(name)s`` placeholders and the parameters to the backend
driver (without parameters the text is sent as it is); ``raw()`` and ``RawSQL`` do the same.
``PREPARE … AS … $1`` declares a prepared statement's own parameters.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from .models import Book


def missing(title):
    with connection.cursor() as cur:
        # ruleid: check-query-params
        cur.execute("SELECT id FROM books WHERE title = %s")


def counted(title, author):
    with connection.cursor() as cur:
        # ruleid: check-query-params
        cur.execute("SELECT id FROM books WHERE title = %s AND author = %s", [title])
        # ok: check-query-params
        cur.execute("SELECT id FROM books WHERE title = %s AND author = %s", [title, author])
        # ok: check-query-params -- no parameters: the text is sent as it is
        cur.execute("SELECT id FROM books WHERE title LIKE 'a%'")


def raw_counted(title):
    # ruleid: check-query-params
    return Book.objects.raw("SELECT * FROM books WHERE title = %s AND year = %s", [title])


def raw_named(title):
    # ok: check-query-params
    return Book.objects.raw("SELECT * FROM books WHERE title = %(title)s", {"title": title})


def rawsql(rank):
    # ruleid: check-query-params
    return Book.objects.annotate(score=RawSQL("SELECT count(*) FROM reviews WHERE stars > $1", (rank,)))


def prepared(rows):
    cur = connection.cursor()
    # ok: check-query-params -- $1 and $2 belong to the prepared statement
    cur.execute("PREPARE set_order AS UPDATE books SET position = $1 WHERE id = $2")
    for book_id, position in rows:
        # ok: check-query-params
        cur.execute("EXECUTE set_order (%s, %s)", (position, book_id))
    cur.close()
