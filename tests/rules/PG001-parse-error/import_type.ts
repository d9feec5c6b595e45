// an import type with a literal type argument
import pg from "pg";

// ruleid: parse-error
export declare const registry: import("./registry").Registry<1>;

export async function leaks(pool: pg.Pool) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  return client.query("SELECT name FROM users");
}
