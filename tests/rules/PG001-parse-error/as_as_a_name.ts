// `as` as a variable name (valid TypeScript; the grammar reads a type assertion)
import { Pool } from "pg";

const pool = new Pool();

export async function discover(issuer: string) {
  let as: { issuer: string } | undefined;
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  // ok: parse-error
  as = (await client.query("SELECT issuer FROM servers WHERE issuer = $1", [issuer])).rows[0] as { issuer: string };
  return as;
}
