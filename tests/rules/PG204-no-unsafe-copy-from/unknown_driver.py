"""PG204 no-unsafe-copy-from — a module handed its cursor (no driver imported)."""


def load(cur):
    # ruleid: no-unsafe-copy-from
    cur.execute("COPY tags FROM '/srv/import/tags.csv' WITH (FORMAT csv)")


def load_expert(cur, path):
    # ruleid: no-unsafe-copy-from
    cur.copy_expert("COPY tags FROM PROGRAM 'gunzip -c /srv/import/tags.csv.gz'", None)


def stream(cur, f):
    # ok: no-unsafe-copy-from
    cur.copy_expert("COPY tags FROM STDIN WITH (FORMAT csv)", f)
