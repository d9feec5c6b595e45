// Project helpers around the pool: pglint summarises each function and uses the summary at its calls.
const { Pool } = require('pg');

const pool = new Pool();

async function getClient() {
  // ok: no-missing-client-release -- returned to the caller, who must release it
  const client = await pool.connect();
  return client;
}

function getClientLater() {
  // ok: no-missing-client-release -- the promise of a checkout is handed to the caller
  return pool.connect();
}

async function getClientWithRetry(attempts) {
  try {
    // ok: no-missing-client-release
    return await pool.connect();
  } catch (err) {
    if (attempts > 0) {
      return getClientWithRetry(attempts - 1);
    }
    throw err;
  }
}

function releaseClient(client) {
  client.release();
}

// ruleid: no-missing-client-release -- gives the client back only when COMMIT succeeds
async function commitAndRelease(client) {
  await client.query('COMMIT');
  client.release();
}

async function withTransaction(client, fn) {
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

// ruleid: no-missing-client-release -- forgets the client when fn() or a query throws
async function withTransactionForgetful(client, fn) {
  await client.query('BEGIN');
  const result = await fn(client);
  await client.query('COMMIT');
  client.release();
  return result;
}

async function logPoolUsage(client) {
  await client.query("SELECT count(*) FROM pg_stat_activity");
}

module.exports = {
  getClient,
  getClientLater,
  getClientWithRetry,
  releaseClient,
  commitAndRelease,
  withTransaction,
  withTransactionForgetful,
  logPoolUsage,
};
