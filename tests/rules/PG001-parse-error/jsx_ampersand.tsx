// a bare `&` in TSX text or in an attribute string
import pg from "pg";

const pool = new pg.Pool();

export async function Title({ id }: { id: number }) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const { rows } = await client.query<{ name: string }>("SELECT name FROM users WHERE id = $1", [id]);
  // ok: parse-error
  return <a href="/search?q=tom&sort=asc">{rows[0].name} & friends ( ) || &&</a>;
}
