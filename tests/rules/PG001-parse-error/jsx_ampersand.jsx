// a bare `&` in JSX text (valid JSX; tree-sitter-javascript rejects it)
import pg from "pg";

const pool = new pg.Pool();

export function Title() {
  // ruleid: parse-error
  return <h1>Tom & Jerry</h1>;
}

export async function load(id) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const { rows } = await client.query("SELECT name FROM users WHERE id = $1", [id]);
  return rows;
}
