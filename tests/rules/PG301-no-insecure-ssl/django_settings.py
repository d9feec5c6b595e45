"""PG301 no-insecure-ssl — Django's DATABASES settings and pg8000's ssl_context.

``OPTIONS`` of a PostgreSQL backend go to libpq: ``sslmode`` weakens TLS the same way as in a
connection string. pg8000's ``ssl_context=False`` switches TLS off.
"""

import os
import ssl

import pg8000.dbapi

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ["DB_HOST"],
        # ruleid: no-insecure-ssl
        "OPTIONS": {"sslmode": "disable"},
    },
    "reports": {
        "ENGINE": "django.db.backends.postgresql",
        # ok: no-insecure-ssl
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/db-ca.pem"},
    },
    "legacy": {
        # ok: no-insecure-ssl -- not a PostgreSQL backend
        "ENGINE": "django.db.backends.mysql",
        "OPTIONS": {"sslmode": "disable"},
    },
}


def plaintext():
    # ruleid: no-insecure-ssl
    with pg8000.dbapi.connect(user="app", ssl_context=False) as conn:
        return conn


def unverified():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    # ruleid: no-insecure-ssl
    with pg8000.dbapi.connect(user="app", ssl_context=ctx) as conn:
        return conn
