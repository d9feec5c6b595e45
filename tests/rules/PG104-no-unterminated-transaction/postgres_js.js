// PG104 — postgres.js: sql.begin(cb) commits when the callback returns and rolls back when it
// throws; a BEGIN sent by hand on a reserved connection must be ended on every path.
const postgres = require('postgres');

const sql = postgres(process.env.DATABASE_URL);

async function managed(id) {
  // ok: no-unterminated-transaction -- begin() ends the transaction itself
  await sql.begin(async (tx) => {
    await tx`UPDATE jobs SET state = 'done' WHERE id = ${id}`;
  });
}

async function byHand(id) {
  const reserved = await sql.reserve();
  try {
    await reserved`BEGIN`;
    await reserved`UPDATE jobs SET state = 'done' WHERE id = ${id}`;
  } finally {
    // ruleid: no-unterminated-transaction -- released inside BEGIN: the next user gets the transaction
    reserved.release();
  }
}

module.exports = { managed, byHand };
