// PG201 — postgres.js: every hole of sql`…` is sent as a parameter, and sql(name) builds an
// escaped identifier; sql.unsafe(text) sends its text as written.
const postgres = require('postgres');

const sql = postgres(process.env.DATABASE_URL);

async function byName(name) {
  // ruleid: no-unsafe-query
  return sql.unsafe(`SELECT id FROM users WHERE name = '${name}'`);
}

async function byNameConcat(req) {
  // ruleid: no-unsafe-query
  return sql.unsafe('SELECT id FROM users WHERE name = ' + req.query.name);
}

async function byNameTagged(name) {
  // ok: no-unsafe-query -- a parameter
  return sql`SELECT id FROM users WHERE name = ${name}`;
}

async function fromTable(table, name) {
  // ok: no-unsafe-query -- sql(table) is an escaped identifier, name a parameter
  return sql`SELECT id FROM ${sql(table)} WHERE name = ${name}`;
}

async function unsafeWithParameters(name) {
  // ok: no-unsafe-query -- constant text, the value is $1
  return sql.unsafe('SELECT id FROM users WHERE name = $1', [name]);
}

async function insideTransaction(name) {
  return sql.begin(async (tx) => {
    // ruleid: no-unsafe-query -- the transaction's sql has the same unsafe()
    await tx.unsafe(`DELETE FROM users WHERE name = '${name}'`);
    // ok: no-unsafe-query
    await tx`INSERT INTO audit (what) VALUES (${name})`;
  });
}

async function onReserved(name) {
  const reserved = await sql.reserve();
  try {
    // ruleid: no-unsafe-query
    await reserved.unsafe(`SET application_name = '${name}'`);
  } finally {
    reserved.release();
  }
}

module.exports = { byName, byNameConcat, byNameTagged, fromTable, unsafeWithParameters, insideTransaction,
  onReserved };
