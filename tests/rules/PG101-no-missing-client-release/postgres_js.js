// PG101 — postgres.js: a connection checked out with sql.reserve() stays out of the pool until
// reserved.release(); sql`…` and sql.begin(cb) check one out and give it back themselves.
const postgres = require('postgres');

const sql = postgres(process.env.DATABASE_URL);

async function lockAndForget(userId) {
  // ruleid: no-missing-client-release
  const reserved = await sql.reserve();
  await reserved`SELECT pg_advisory_lock(${userId})`;
}

async function releasedOnlyOnSuccess(userId) {
  // ruleid: no-missing-client-release -- a failing query skips the release
  const reserved = await sql.reserve();
  await reserved`UPDATE accounts SET seen = now() WHERE id = ${userId}`;
  reserved.release();
}

async function releasedInFinally(userId) {
  // ok: no-missing-client-release
  const reserved = await sql.reserve();
  try {
    await reserved`SELECT pg_advisory_lock(${userId})`;
    await reserved`UPDATE accounts SET seen = now() WHERE id = ${userId}`;
  } finally {
    reserved.release();
  }
}

async function handedBack(userId) {
  // ok: no-missing-client-release -- the caller releases it
  const reserved = await sql.reserve();
  return reserved;
}

async function managedTransaction(userId, amount) {
  // ok: no-missing-client-release -- begin() checks a connection out and gives it back
  return sql.begin(async (tx) => {
    await tx`UPDATE accounts SET balance = balance - ${amount} WHERE id = ${userId}`;
    await tx`INSERT INTO ledger (account_id, amount) VALUES (${userId}, ${amount})`;
  });
}

async function reserveInsideTransaction(userId) {
  return sql.begin(async (tx) => {
    // ruleid: no-missing-client-release -- a second connection, checked out and kept
    const other = await sql.reserve();
    await other`SELECT 1`;
    await tx`UPDATE accounts SET seen = now() WHERE id = ${userId}`;
  });
}

module.exports = { lockAndForget, releasedOnlyOnSuccess, releasedInFinally, handedBack, managedTransaction,
  reserveInsideTransaction };
