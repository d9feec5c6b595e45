// PG101 no-missing-client-release — the JavaScript scenario catalogue.
//
// One small function per idiom, numbered like the Python catalogue (example.py)
// and mirrored in TypeScript (example.ts). The pool is a module-level
// `new Pool()` from `require('pg')`, so the frontend knows what it is.
'use strict';

const { Pool } = require('pg');
const genericPool = require('generic-pool');
const mysql = require('mysql');
const amqp = require('amqplib');
const mongoose = require('mongoose');

const pool = new Pool();
const registry = [];

function doWork(client) {
  return client;
}

// 1
async function releasedInFinally() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}

// 2
async function neverReleased() {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const res = await client.query('SELECT 1');
  return res.rows;
}

// 3
async function earlyReturnBeforeRelease(userId) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  if (userId == null) {
    return null;
  }
  try {
    await client.query('SELECT $1::int', [userId]);
  } finally {
    client.release();
  }
}

// 4
async function queryThrowsNoTry() {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const res = await client.query('SELECT 1');
  client.release();
  return res.rows;
}

// 5
async function releaseOnlyInCatch() {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } catch (err) {
    client.release();
    throw err;
  }
}

// 6
async function releaseInTryAndCatch() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
  } catch (err) {
    client.release();
    throw err;
  }
}

// 7
async function returnedToCaller() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  return client;
}

function checkoutForCaller() {
  // ok: no-missing-client-release
  return pool.connect();
}

// 8
class Holder {
  async storedOnThis() {
    // ok: no-missing-client-release
    const client = await pool.connect();
    this.client = client;
  }

  async storedOnThisDirectly() {
    // ok: no-missing-client-release
    this.client = await pool.connect();
  }
}

// 9
async function guardedReleaseInFinally() {
  let client;
  try {
    // ok: no-missing-client-release
    client = await pool.connect();
    await client.query('SELECT 1');
  } finally {
    if (client) client.release();
  }
}

// 10
async function poolQueryShortcut() {
  // ok: no-missing-client-release
  const res = await pool.query('SELECT 1');
  return res.rows;
}

// 11
function thenWithoutCatchRelease() {
  // ruleid: no-missing-client-release
  return pool.connect().then((client) => {
    return client.query('SELECT 1').then((res) => {
      client.release();
      return res.rows;
    });
  });
}

function thenWithFinallyRelease() {
  // ok: no-missing-client-release
  return pool.connect().then((client) => {
    return client.query('SELECT 1').finally(() => client.release());
  });
}

// 12
function callbackStyleDone(cb) {
  // ok: no-missing-client-release
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('SELECT 1', (qerr, res) => {
      done();
      cb(qerr, res);
    });
  });
}

function callbackStyleMissingDone(cb) {
  // ruleid: no-missing-client-release
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('SELECT 1', (qerr, res) => {
      cb(qerr, res);
    });
  });
}

function callbackErrPathNoRelease(cb) {
  // ok: no-missing-client-release
  pool.connect((err, client, release) => {
    if (err) {
      return cb(err);
    }
    client.query('SELECT 1', (qerr, res) => {
      release(qerr);
      cb(qerr, res);
    });
  });
}

function onConnect(err, client, done) {
  if (err) return;
  done();
}

function callbackDefinedElsewhere() {
  // ok: no-missing-client-release -- the client goes to onConnect
  pool.connect(onConnect);
}

function useClient(client) {
  return client;
}

function thenNamedHandler() {
  // ok: no-missing-client-release -- the client goes to useClient
  return pool.connect().then(useClient);
}

// 13
async function loopReleaseEachIteration(items) {
  for (const item of items) {
    // ok: no-missing-client-release
    const client = await pool.connect();
    try {
      await client.query('SELECT $1::text', [item]);
    } finally {
      client.release();
    }
  }
}

// 14
async function acquireInLoopWithoutRelease(items) {
  for (const item of items) {
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    await client.query('SELECT $1::text', [item]);
  }
}

// 15
async function throwBeforeRelease(value) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  if (value < 0) {
    throw new Error('negative');
  }
  client.release();
}

// 16
async function releaseOnlyInIfBranch(flag) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  if (flag) {
    client.release();
  }
}

// 17
async function releaseInBothBranches(flag) {
  // ok: no-missing-client-release
  const client = await pool.connect();
  if (flag) {
    client.release();
  } else {
    client.release(true);
  }
}

// 18
async function passedToUnknownFunction() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  doWork(client);
}

// 19
async function pushedIntoArray() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  registry.push(client);
}

async function putInObjectLiteral() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  return { client, pool };
}

// 20
async function resultDiscarded() {
  // ruleid: no-missing-client-release
  await pool.connect();
}

// 21
async function optionalChainingRelease() {
  let client = null;
  try {
    // ok: no-missing-client-release
    client = await pool.connect();
    await client.query('SELECT 1');
  } finally {
    client?.release();
  }
}

async function guardedReleaseNotNull() {
  let client = null;
  try {
    // ok: no-missing-client-release
    client = await pool.connect();
    await client.query('SELECT 1');
  } finally {
    if (client !== null) {
      client.release();
    }
  }
}

// 22
async function breakBeforeRelease(items) {
  for (const item of items) {
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    if (item == null) {
      break;
    }
    client.release();
  }
}

// 23
async function continueSkippingRelease(items) {
  for (const item of items) {
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    if (!item) {
      continue;
    }
    client.release();
  }
}

// 24
async function switchCaseReturnBeforeRelease(command) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  switch (command) {
    case 'ping':
      return 'pong';
    default:
      break;
  }
  client.release();
  return 'done';
}

// 25
async function nestedTryInnerFinallyReleases() {
  try {
    // ok: no-missing-client-release
    const client = await pool.connect();
    try {
      await client.query('SELECT 1');
    } finally {
      client.release();
    }
  } catch (err) {
    return null;
  }
  return 'ok';
}

// 26
async function localClosureReleases() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  const giveBack = () => client.release();
  try {
    await client.query('SELECT 1');
  } finally {
    giveBack();
  }
}

async function localFunctionReleases() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    finish();
  }

  function finish() {
    client.release();
  }
}

function closureHandedToEventEmitter(res) {
  // ok: no-missing-client-release
  return pool.connect().then((client) => {
    res.on('finish', () => client.release());
  });
}

// 27
function promiseChainFinallyRelease() {
  // ok: no-missing-client-release
  return pool.connect().then((client) =>
    client
      .query('SELECT 1')
      .then((res) => res.rows)
      .finally(() => client.release()),
  );
}

function promiseChainCatchReleases() {
  // ok: no-missing-client-release
  return pool.connect().then((client) =>
    client
      .query('SELECT 1')
      .then((res) => {
        client.release();
        return res.rows;
      })
      .catch((err) => {
        client.release(err);
        throw err;
      }),
  );
}

// 28 (directClientEnded: see the PG103 catalogue)

// 29
async function nonPostgresPoolNotReported() {
  const gp = genericPool.createPool({ create: async () => ({}), destroy: async () => {} });
  // ok: no-missing-client-release
  const resource = await gp.acquire();
  const mpool = mysql.createPool({});
  // ok: no-missing-client-release
  const conn = await mpool.getConnection();
  // ok: no-missing-client-release
  const channel = await amqp.connect('amqp://localhost');
  // ok: no-missing-client-release
  const m = await mongoose.connect('mongodb://localhost/app');
  return [resource, conn, channel, m];
}

class Pool2 {
  connect() {
    return {};
  }
}

async function unknownPoolNotReported() {
  const p = new Pool2();
  // ok: no-missing-client-release
  const client = await p.connect();
  return client.query('SELECT 1');
}

// 30
class Repository {
  constructor(config) {
    this.pool = new Pool(config);
  }

  async classMethodUsingThisPoolLeaks(id) {
    // ruleid: no-missing-client-release
    const client = await this.pool.connect();
    const res = await client.query('SELECT $1::int', [id]);
    return res.rows;
  }

  async classMethodUsingThisPoolReleases(id) {
    // ok: no-missing-client-release
    const client = await this.pool.connect();
    try {
      const res = await client.query('SELECT $1::int', [id]);
      return res.rows;
    } finally {
      client.release();
    }
  }

  classFieldArrowLeaks = async () => {
    // ruleid: no-missing-client-release
    const client = await this.pool.connect();
    await client.query('SELECT 1');
  };
}

// 30b generators: the consumer may stop iterating at any yield
async function* generatorYieldWithFinally() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    yield client;
  } finally {
    client.release();
  }
}

async function* generatorYieldRowsWithFinally() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT 1');
    for (const row of res.rows) {
      yield row;
    }
  } finally {
    client.release();
  }
}

async function* generatorYieldRowsWithoutFinally() {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const res = await client.query('SELECT 1');
  for (const row of res.rows) {
    yield row;
  }
  client.release();
}

// 31
async function catchSwallowsThenReleases() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('SELECT 1');
  } catch (err) {
    failed = true;
  }
  client.release();
  return failed;
}

// 32
async function reassignedWhileHeld() {
  // ruleid: no-missing-client-release
  let client = await pool.connect();
  await client.query('SELECT 1');
  // ok: no-missing-client-release
  client = await pool.connect();
  client.release();
}

// more idioms
async function labelledBreakSkipsRelease(groups) {
  outer: for (const group of groups) {
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    for (const item of group) {
      if (item === 'stop') {
        break outer;
      }
    }
    client.release();
  }
}

async function doWhileReleases(n) {
  let i = 0;
  do {
    // ok: no-missing-client-release
    const client = await pool.connect();
    try {
      await client.query('SELECT $1::int', [i]);
    } finally {
      client.release();
    }
    i += 1;
  } while (i < n);
}

async function returnInsideFinallySwallowsException() {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
  } finally {
    return 'done';
  }
}

async function aliasReleased() {
  // ok: no-missing-client-release
  const client = await pool.connect();
  const c = client;
  try {
    await c.query('SELECT 1');
  } finally {
    c.release();
  }
}

async function inlineUseIsDiscarded() {
  // ruleid: no-missing-client-release
  const res = await (await pool.connect()).query('SELECT 1');
  return res.rows;
}

function newPromiseResolve() {
  return new Promise((resolve, reject) => {
    // ok: no-missing-client-release
    pool.connect((err, client, done) => {
      if (err) {
        reject(err);
        return;
      }
      resolve({ client, done });
    });
  });
}

async function shortCircuitRelease(client0) {
  // ok: no-missing-client-release
  const client = client0 || (await pool.connect());
  try {
    await client.query('SELECT 1');
  } finally {
    client && client.release();
  }
}

async function ternaryCheckout(existing) {
  // ruleid: no-missing-client-release
  const client = existing ? existing : await pool.connect();
  await client.query('SELECT 1');
}

// The default export `import pg from 'pg'` style is in example.mjs; require('pg') as a
// namespace:
const pg = require('pg');
const nsPool = new pg.Pool();

async function namespaceRequireLeaks() {
  // ruleid: no-missing-client-release
  const client = await nsPool.connect();
  await client.query('SELECT 1');
}

const ClassFromRequire = require('pg').Pool;
const memberPool = new ClassFromRequire();

async function memberRequireReleases() {
  // ok: no-missing-client-release
  const client = await memberPool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}

module.exports = {
  releasedInFinally, neverReleased, earlyReturnBeforeRelease, queryThrowsNoTry, releaseOnlyInCatch,
};
