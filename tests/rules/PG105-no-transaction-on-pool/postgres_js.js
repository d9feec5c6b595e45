// PG105 — postgres.js: each sql`…` may run on another connection of the pool; postgres.js
// rejects a BEGIN sent that way (UNSAFE_TRANSACTION) unless max is 1. sql.begin() is the way.
const postgres = require('postgres');

const sql = postgres(process.env.DATABASE_URL);

async function byHand(id) {
  // ruleid: no-transaction-on-pool
  await sql`BEGIN`;
  await sql`UPDATE jobs SET state = 'done' WHERE id = ${id}`;
  // ruleid: no-transaction-on-pool
  await sql`COMMIT`;
}

async function managed(id) {
  await sql.begin(async (tx) => {
    // ok: no-transaction-on-pool -- one connection for the whole callback
    await tx`UPDATE jobs SET state = 'done' WHERE id = ${id}`;
  });
}

module.exports = { byHand, managed };
