// a bare `&` in JSX text or in an attribute string (valid JSX; tree-sitter-javascript rejects it)
import pg from "pg";

const pool = new pg.Pool();

export async function Title({ id }) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const { rows } = await client.query("SELECT name FROM users WHERE id = $1", [id]);
  // ok: parse-error
  return <a href="/search?q=tom&sort=asc" title="Tom & Jerry">{rows[0].name} & friends</a>;
}

export function Both(a, b) {
  // the operators stay operators
  return a && b ? <b>Rock &amp; roll & blues</b> : null;
}
