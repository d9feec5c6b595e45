// PG201 — postgres.js (TypeScript): a parameter typed `Sql` / `TransactionSql` is a query function.
import { type Sql, type TransactionSql } from 'postgres';

export async function search(sql: Sql, term: string): Promise<unknown> {
  // ruleid: no-unsafe-query
  return sql.unsafe(`SELECT id FROM docs WHERE body LIKE '%${term}%'`);
}

export async function searchTagged(sql: Sql, term: string): Promise<unknown> {
  // ok: no-unsafe-query
  return sql`SELECT id FROM docs WHERE body LIKE ${'%' + term + '%'}`;
}

export async function step(tx: TransactionSql, note: string): Promise<void> {
  // ruleid: no-unsafe-query
  await tx.unsafe(`INSERT INTO notes (body) VALUES ('${note}')`);
}
