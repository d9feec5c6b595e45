// `export type * from` (TypeScript 5.0): tree-sitter-typescript 0.23 rejects it; pglint reads it
// as `export * from` (a type-only re-export binds nothing the analysis follows)
import { Pool } from "pg";

// ok: parse-error
export type * from "./types";
export type * as shapes from "./shapes";

const pool = new Pool();

export async function leaks(id: number) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  return client.query("SELECT name FROM users WHERE id = $1", [id]);
}

export async function releases(id: number) {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    return await client.query("SELECT name FROM users WHERE id = $1", [id]);
  } finally {
    client.release();
  }
}
