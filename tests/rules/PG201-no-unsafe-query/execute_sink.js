// PG201 no-unsafe-query — `execute` (the mysql2 spelling) on a node-postgres handle: a pg Pool or
// Client has no `execute`, so the call throws, but the SQL is written for that handle and is read
// as if passed to `query`.
const { Pool } = require('pg');

const pool = new Pool();

async function removeSession(id) {
  // ruleid: no-unsafe-query
  return pool.execute(`DELETE FROM sessions WHERE id = ${id}`);
}

async function removeSessionParam(id) {
  // ok: no-unsafe-query
  return pool.execute('DELETE FROM sessions WHERE id = $1', [id]);
}

async function notSql(path) {
  // ok: no-unsafe-query -- not SQL
  return pool.execute('rm -rf ' + path);
}

async function handedIn(db, id) {
  // ok: no-unsafe-query -- a parameter of unknown type in a node-postgres file (a difference from the plugin)
  return db.execute(`DELETE FROM sessions WHERE id = ${id}`);
}

module.exports = { removeSession, removeSessionParam, notSql, handedIn };
