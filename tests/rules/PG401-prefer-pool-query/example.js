// PG401 prefer-pool-query — checkout, one query, release (JavaScript).
const { Pool } = require('pg');
const { db } = require('@vercel/postgres');
const { Pool: NeonPool } = require('@neondatabase/serverless');

const pool = new Pool();
const neonPool = new NeonPool({ connectionString: process.env.DATABASE_URL });

async function countUsers() {
  // ruleid: prefer-pool-query
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT count(*) FROM users');
    return res.rows[0].count;
  } finally {
    client.release();
  }
}

async function withCatch(id) {
  // ruleid: prefer-pool-query
  const client = await pool.connect();
  try {
    return (await client.query('SELECT name FROM users WHERE id = $1', [id])).rows;
  } catch (e) {
    console.error(e);
    throw e;
  } finally {
    client.release();
  }
}

async function configObject(id) {
  // ruleid: prefer-pool-query
  const client = await pool.connect();
  try {
    await client.query({ text: 'DELETE FROM sessions WHERE id = $1', values: [id] });
  } finally {
    client.release();
  }
}

async function vercel() {
  // ruleid: prefer-pool-query
  const client = await db.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}

async function serverless() {
  // ruleid: prefer-pool-query
  const client = await neonPool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}

class Repo {
  constructor() {
    this.pool = new Pool();
  }

  async find(id) {
    // ruleid: prefer-pool-query
    const client = await this.pool.connect();
    try {
      return await client.query('SELECT id FROM things WHERE id = $1', [id]);
    } finally {
      client.release();
    }
  }
}

async function releaseOnEveryPath(id) {
  // ruleid: prefer-pool-query
  const client = await pool.connect();
  let res;
  try {
    res = await client.query('SELECT id FROM users WHERE id = $1', [id]);
  } catch (e) {
    client.release(e);
    throw e;
  }
  client.release();
  return res.rows;
}

async function inBranch(flag) {
  // ruleid: prefer-pool-query
  const client = await pool.connect();
  try {
    if (flag) {
      await client.query('SELECT 1');
    }
  } finally {
    client.release();
  }
}

async function transaction() {
  // ok: prefer-pool-query -- a transaction needs one client
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = 0');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

async function twoQueries() {
  // ok: prefer-pool-query -- session state carries over
  const client = await pool.connect();
  try {
    await client.query("SET statement_timeout = '5s'");
    return await client.query('SELECT id FROM big_table');
  } finally {
    client.release();
  }
}

async function handedOver(work) {
  // ok: prefer-pool-query -- other code uses the client
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    await work(client);
  } finally {
    client.release();
  }
}

async function returned() {
  // ok: prefer-pool-query -- the caller owns it
  const client = await pool.connect();
  await client.query('SELECT 1');
  return client;
}

function callbackStyle() {
  // ok: prefer-pool-query
  pool.connect((err, client, done) => {
    if (err) return;
    client.query('SELECT 1', () => done());
  });
}

async function listen(onNotify) {
  // ok: prefer-pool-query -- the client stays to receive notifications
  const client = await pool.connect();
  client.on('notification', onNotify);
  await client.query('LISTEN events');
}

async function loop(ids) {
  // ok: prefer-pool-query -- one query per id on the same client
  const client = await pool.connect();
  try {
    for (const id of ids) {
      await client.query('SELECT id FROM users WHERE id = $1', [id]);
    }
    await client.query('SELECT 2');
  } finally {
    client.release();
  }
}

async function poolQuery() {
  // ok: prefer-pool-query
  const res = await pool.query('SELECT count(*) FROM users');
  return res.rows[0].count;
}

async function onlyQueryInALoop(n) {
  // ok: prefer-pool-query -- the one query call runs n times on the same client: pool.query() would check out n times
  const client = await pool.connect();
  try {
    for (let i = 0; i < n; i++) await client.query('select add_job($1)', [i]);
  } finally {
    client.release();
  }
}

async function checkoutPerItem(items) {
  for (const item of items) {
    // ruleid: prefer-pool-query -- the checkout is inside the loop too: one query per checkout
    const client = await pool.connect();
    try {
      await client.query('select add_job($1)', [item]);
    } finally {
      client.release();
    }
  }
}

module.exports = { countUsers, withCatch, configObject, vercel, serverless, Repo, releaseOnEveryPath, inBranch,
  transaction, twoQueries, handedOver, returned, callbackStyle, listen, loop, poolQuery, onlyQueryInALoop, checkoutPerItem };
