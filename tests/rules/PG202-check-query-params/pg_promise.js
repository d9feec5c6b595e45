// PG202 — pg-promise: $1, $2 … index the values array; ${name} (and $(name), $<name>, $[name],
// $/name/) are properties of a values object; a single value stands for $1.
const pgp = require('pg-promise')();

const db = pgp(process.env.DATABASE_URL);

async function missingValue(id) {
  // ruleid: check-query-params
  return db.one('SELECT name FROM users WHERE id = $1 AND org = $2', [id]);
}

async function named(id, org) {
  // ok: check-query-params -- named properties of an object
  return db.one('SELECT name FROM users WHERE id = ${id} AND org = ${org}', { id, org });
}

async function single(id) {
  // ok: check-query-params -- one value stands for $1
  return db.one('SELECT name FROM users WHERE id = $1', id);
}

async function withModifiers(column, id) {
  // ok: check-query-params
  return db.one('SELECT $1:name FROM users WHERE id = $2', [column, id]);
}

module.exports = { missingValue, named, single, withModifiers };
