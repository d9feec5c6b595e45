// a line that starts with a name beginning with `in` followed by `_`, `$` or a digit: the grammar's
// scanner takes it for the operator `in` and inserts no semicolon before it
import { Pool } from "pg";

export interface Claims {
  sub: string
  /** inside the corporate network */
  // ok: parse-error
  in_corp: string
  instanceof$: number
}

const pool = new Pool();

export async function leaks(claims: Claims) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  return client.query("SELECT name FROM users WHERE sub = $1", [claims.sub]);
}
