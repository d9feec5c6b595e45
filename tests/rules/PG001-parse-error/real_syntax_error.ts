// a real syntax error next to constructs the grammar gap repair reads: the gaps are read, the
// error is still a parse error (and the function that holds it is not analysed)
import { Pool } from "pg";

export type * from "./types";

const pool = new Pool();

export async function broken(id: number) {
  const client = await pool.connect();
  // ruleid: parse-error
  const using = client.query("SELECT 1" id);
  return using;
}

export async function leaks(id: number) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  return client.query("SELECT name FROM users WHERE id = $1", [id]);
}
