// escapes in a template literal type (the grammar reads none)
import { Pool } from "pg";

// ok: parse-error
export type ByteaString = `\\x${string}`;
export type Hint<P extends string> = `install \`${P}\` first`;

const pool = new Pool();

export async function leaks(id: number) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  return client.query(`SELECT data FROM blobs WHERE id = $1 AND tag <> '\\x'`, [id]);
}
