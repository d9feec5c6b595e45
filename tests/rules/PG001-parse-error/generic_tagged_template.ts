// a generic tagged template, sql<T>`…` (TypeScript 2.9): read as the tag applied to the template
import pg from "pg";
import { sql } from "./sql";

// ok: parse-error
export const byId = sql<{ id: number; name: string }>`SELECT name FROM users WHERE id = 1`;

export async function leaks(config: pg.ClientConfig) {
  const client = new pg.Client(config);
  // ruleid: no-unclosed-connection
  await client.connect();
  const query = sql<{ one: number }>`SELECT 1 AS one`;
  return client.query(String(query));
}

export function names(table: string) {
  // the comparisons of plain JavaScript stay comparisons
  // ok: parse-error
  return table.length < 3 || table.length > 10 ? `short` : `long`;
}
