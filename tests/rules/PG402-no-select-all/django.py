"""PG402 no-select-all — Django.

``Model.objects.raw()`` maps every column of its result to a field of the model: ``SELECT *``
is how it is meant to be written. A cursor's ``SELECT *`` is read like any other query.
"""

from django.db import connection

from .models import Book


def books_by(author):
    # ok: no-select-all -- raw() maps each column to a model field
    return Book.objects.raw("SELECT * FROM books WHERE author = %s", [author])


def first_title(author):
    with connection.cursor() as cur:
        # ruleid: no-select-all
        cur.execute("SELECT * FROM books WHERE author = %s", [author])
        row = cur.fetchone()
    return row[1]
