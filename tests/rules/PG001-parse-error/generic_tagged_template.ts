// a generic tagged template: sql<T>`…`
import pg from "pg";
import { sql } from "./sql";

// ruleid: parse-error
export const byId = sql<{ id: number }>`SELECT name FROM users WHERE id = 1`;

export async function leaks(config: pg.ClientConfig) {
  const client = new pg.Client(config);
  // ruleid: no-unclosed-connection
  await client.connect();
  return client.query("SELECT name FROM users");
}
