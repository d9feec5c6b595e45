// PG104 no-unterminated-transaction — JavaScript cases.
//
// pg-pool hands a released client to the next caller as it is: released inside
// BEGIN, the next user runs in someone else's transaction. The finding is on
// the release that happens with the transaction still open.
const { Pool } = require('pg');

const pool = new Pool();
const BEGIN = 'BEGIN';

async function queryThrowsReleaseInFinally(from, to, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
    await client.query('COMMIT');
  } finally {
    // ruleid: no-unterminated-transaction
    client.release();
  }
}

async function rollbackInCatch(from, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    // ok: no-unterminated-transaction
    client.release();
  }
}

async function releaseErrDestroys(from, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('COMMIT');
    // ok: no-unterminated-transaction
    client.release();
  } catch (err) {
    // ok: no-unterminated-transaction
    client.release(err);
    throw err;
  }
}

async function beginWithoutCommit() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = 0');
  } finally {
    // ruleid: no-unterminated-transaction
    client.release();
  }
}

async function startTransactionIsolation() {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION ISOLATION LEVEL SERIALIZABLE');
    await client.query('UPDATE accounts SET balance = 0');
    await client.query('COMMIT');
  } finally {
    // ruleid: no-unterminated-transaction
    client.release();
  }
}

async function templateAndConfigForms() {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN`);
    await client.query({ text: 'UPDATE accounts SET balance = $1', values: [0] });
    await client.query({ text: 'COMMIT' });
  } catch (e) {
    await client.query(`ROLLBACK`);
    throw e;
  } finally {
    // ok: no-unterminated-transaction
    client.release();
  }
}

async function constantSql() {
  const client = await pool.connect();
  try {
    await client.query(BEGIN);
    await client.query('UPDATE accounts SET balance = 0');
    await client.query('COMMIT');
  } finally {
    // ruleid: no-unterminated-transaction
    client.release();
  }
}

async function rollbackToSavepointKeepsItOpen() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SAVEPOINT s1');
    await client.query('UPDATE accounts SET balance = 0');
    await client.query('ROLLBACK TO SAVEPOINT s1');
  } finally {
    // ruleid: no-unterminated-transaction
    client.release();
  }
}

async function earlyReturnInsideTransaction(flag) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (flag) {
      return;
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    // ruleid: no-unterminated-transaction
    client.release();
  }
}

function callbackTransactionDoneWithError() {
  pool.connect((err, client, done) => {
    if (err) return;
    client.query('BEGIN', (berr) => {
      if (berr) {
        // ok: no-unterminated-transaction
        return done(berr);
      }
      client.query('COMMIT', (cerr) => {
        // ok: no-unterminated-transaction
        done(cerr);
      });
    });
  });
}

function promiseChainRollback() {
  return pool.connect().then((client) =>
    client
      .query('BEGIN')
      .then(() => client.query('UPDATE accounts SET balance = 0'))
      .then(() => client.query('COMMIT'))
      .catch((e) => client.query('ROLLBACK').then(() => Promise.reject(e)))
      // ok: no-unterminated-transaction
      .finally(() => client.release()),
  );
}

function promiseChainNoRollback() {
  return pool.connect().then((client) =>
    client
      .query('BEGIN')
      .then(() => client.query('UPDATE accounts SET balance = 0'))
      .then(() => client.query('COMMIT'))
      // ruleid: no-unterminated-transaction
      .finally(() => client.release()),
  );
}
