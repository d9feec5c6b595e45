// PG201 no-unsafe-query — `execute` (the mysql2 spelling) on a node-postgres handle: a pg Pool or
// Client has no `execute`, so the call throws, but the SQL is written for that handle and is read
// as if passed to `query`.
import { Pool } from "pg";

const pool = new Pool();

async function removeSession(id: string) {
  // ruleid: no-unsafe-query
  return pool.execute(`DELETE FROM sessions WHERE id = ${id}`);
}

async function removeSessionParam(id: string) {
  // ok: no-unsafe-query
  return pool.execute('DELETE FROM sessions WHERE id = $1', [id]);
}

async function notSql(path: string) {
  // ok: no-unsafe-query -- not SQL
  return pool.execute('rm -rf ' + path);
}

export { removeSession, removeSessionParam, notSql };
