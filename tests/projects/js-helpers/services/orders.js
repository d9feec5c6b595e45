// Callers of lib/db.js helpers.
const db = require('../lib/db');
const {
  getClient, getClientLater, getClientWithRetry, releaseClient, commitAndRelease,
  withTransaction, withTransactionForgetful, logPoolUsage,
} = require('../lib/db');

async function listOrders(userId) {
  // ruleid: no-missing-client-release -- getClient() returns a checkout nobody releases
  const client = await getClient();
  const res = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
  return res.rows;
}

async function listOrdersSafely(userId) {
  // ok: no-missing-client-release
  const client = await getClient();
  try {
    const res = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
    return res.rows;
  } finally {
    releaseClient(client);
  }
}

async function throughNamespace() {
  // ruleid: no-missing-client-release
  const client = await db.getClient();
  await client.query('SELECT 1');
}

async function retried() {
  // ruleid: no-missing-client-release -- a recursive helper still returns a checkout
  const client = await getClientWithRetry(3);
  await client.query('SELECT 1');
}

function withThen() {
  // ruleid: no-missing-client-release
  return getClientLater().then((client) => client.query('SELECT 1'));
}

function withThenFinally() {
  // ok: no-missing-client-release
  return getClientLater().then((client) => client.query('SELECT 1').finally(() => client.release()));
}

async function releasedOnlyIfQuerySucceeds() {
  // ruleid: no-missing-client-release -- releaseClient() runs only after the query
  const client = await getClient();
  await client.query('SELECT 1');
  releaseClient(client);
}

async function commitThenRelease() {
  // ok: no-missing-client-release -- commitAndRelease() takes the client over (and is reported itself)
  const client = await getClient();
  await commitAndRelease(client);
}

async function transfer(from, to, amount) {
  // ok: no-missing-client-release -- withTransaction() releases it in finally
  const client = await getClient();
  return withTransaction(client, async (c) => {
    await c.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await c.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
  });
}

async function transferForgetful(from, amount) {
  // ok: no-missing-client-release -- the helper owns the release (and is reported)
  const client = await getClient();
  return withTransactionForgetful(client, async (c) => {
    await c.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
  });
}

async function statsThenForget() {
  // ruleid: no-missing-client-release -- logPoolUsage() only borrows the client
  const client = await getClient();
  await logPoolUsage(client);
}

async function statsThenRelease() {
  // ok: no-missing-client-release
  const client = await getClient();
  try {
    await logPoolUsage(client);
  } finally {
    client.release();
  }
}

module.exports = {
  listOrders, listOrdersSafely, throughNamespace, retried, withThen, withThenFinally,
  releasedOnlyIfQuerySucceeds, commitThenRelease, transfer, transferForgetful, statsThenForget,
  statsThenRelease,
};
