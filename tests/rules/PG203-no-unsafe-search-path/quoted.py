"""A quoted schema name is still a schema the caller chose: quoting stops injection, not the
choice (issue 13). Constants, configuration and allowlisted names stay quiet."""

import os

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import quote_ident

SCHEMAS = {"acme", "globex"}


def enter_quoted(cur, schema):
    # ruleid: no-unsafe-search-path
    cur.execute(f'SET search_path TO "{schema}", public')


def enter_identifier(cur, schema):
    # ruleid: no-unsafe-search-path
    cur.execute(sql.SQL("SET search_path TO {}, public").format(sql.Identifier(schema)))


def enter_quote_ident(cur, schema):
    # ruleid: no-unsafe-search-path
    cur.execute("SET search_path TO " + quote_ident(schema, cur))


def from_environment(cur):
    # ok: no-unsafe-search-path
    cur.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(os.environ["APP_SCHEMA"])))


def from_constant(cur):
    # ok: no-unsafe-search-path
    cur.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier("reporting")))


def allowlisted(cur, schema):
    if schema not in SCHEMAS:
        raise ValueError(schema)
    # ok: no-unsafe-search-path
    cur.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))


class Tenancy:
    def __init__(self, schema):
        self.schema = schema

    def enter(self, cur):
        # ok: no-unsafe-search-path
        cur.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))
