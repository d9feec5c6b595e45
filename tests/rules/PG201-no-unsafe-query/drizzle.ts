// PG201 — Drizzle: the sql`…` tag sends its holes as parameters; sql.raw(text) splices `text`
// into the statement unescaped.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';

const db = drizzle(process.env.DATABASE_URL as string);

export async function search(term: string, direction: string) {
  // ok: no-unsafe-query -- a parameter
  await db.execute(sql`SELECT id FROM docs WHERE title = ${term}`);
  // ruleid: no-unsafe-query
  return db.execute(sql.raw(`SELECT id FROM docs ORDER BY title ${direction}`));
}

export async function fixed() {
  // ok: no-unsafe-query -- constant text
  return db.execute(sql.raw('SELECT id FROM docs ORDER BY title DESC'));
}
