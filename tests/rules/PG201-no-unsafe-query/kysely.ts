// PG201 — Kysely: the sql`…` tag sends its holes as parameters; sql.raw(text) splices `text`
// into the statement unescaped.
import { Kysely, sql } from 'kysely';

export async function search(db: Kysely<any>, term: string, direction: string) {
  // ok: no-unsafe-query -- a parameter
  await sql`SELECT id FROM docs WHERE title = ${term}`.execute(db);
  // ruleid: no-unsafe-query
  return sql`SELECT id FROM docs ${sql.raw(`ORDER BY title ${direction}`)}`.execute(db);
}

export async function fixed(db: Kysely<any>) {
  // ok: no-unsafe-query -- constant text
  return sql`SELECT id FROM docs ${sql.raw('ORDER BY title DESC')}`.execute(db);
}
