// PG102 prevent-double-release — JavaScript cases.
//
// pg-pool throws `Release called on client which has already been released to
// the pool.` on a second release, so every path with two releases is reported
// (at the second one).
const { Pool } = require('pg');

const pool = new Pool();

async function doubleReleaseOnRetry() {
  const client = await pool.connect();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await client.query('SELECT 1');
      break;
    } catch (err) {
      // ruleid: prevent-double-release
      client.release();
    }
  }
  // ruleid: prevent-double-release
  client.release();
}

async function releaseInTryAndFinally() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
  } finally {
    // ruleid: prevent-double-release
    client.release();
  }
}

async function doubleReleaseAfterFinally() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
  // ruleid: prevent-double-release
  client.release();
}

async function releasedInCatchAndFinally() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } catch (err) {
    client.release(err);
    throw err;
  } finally {
    // ruleid: prevent-double-release
    client.release();
  }
}

async function releasedOnceInFinally() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    // ok: prevent-double-release
    client.release();
  }
}

async function releasedInTryAndCatch() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    // ok: prevent-double-release
    client.release();
  } catch (err) {
    // ok: prevent-double-release
    client.release(err);
    throw err;
  }
}

async function clearedAfterRelease() {
  let client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
    client = null;
  } finally {
    // ok: prevent-double-release
    if (client) client.release();
  }
}

async function aliasReleasedTwice() {
  const client = await pool.connect();
  const same = client;
  client.release();
  // ruleid: prevent-double-release
  same.release();
}

async function twoClientsReleasedOnce() {
  // ruleid: no-missing-client-release -- the second checkout may throw while the first is held
  const a = await pool.connect();
  const b = await pool.connect();
  // ok: prevent-double-release
  a.release();
  // ok: prevent-double-release
  b.release();
}

function callbackDoneTwice() {
  pool.connect((err, client, done) => {
    if (err) return;
    done();
    client.query('SELECT 1');
    // ruleid: prevent-double-release
    done();
  });
}

function promiseChainThenAndFinally() {
  return pool.connect().then((client) =>
    client
      .query('SELECT 1')
      .then(() => client.release())
      // ruleid: prevent-double-release
      .finally(() => client.release()),
  );
}

async function releaseInLoopBody(items) {
  // ruleid: no-missing-client-release -- `items` may be empty
  const client = await pool.connect();
  for (const item of items) {
    // ruleid: prevent-double-release
    client.release();
  }
}

async function releaseThenReturnSkipsSecond(flag) {
  const client = await pool.connect();
  if (flag) {
    client.release();
    return;
  }
  // ok: prevent-double-release
  client.release();
}
