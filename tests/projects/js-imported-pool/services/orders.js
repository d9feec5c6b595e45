// Uses the pools of lib/ through every CommonJS import form.
const pool = require('../lib/db');
const { pool: mainPool, reporting } = require('../lib/pools');
const pools = require('../lib/pools');
const viaIndex = require('../lib');
const audit = require('../lib/pools').audit;

async function getOrders(userId) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const res = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
  return res.rows;
}

async function getOrdersSafely(userId) {
  // ok: no-missing-client-release
  const client = await mainPool.connect();
  try {
    const res = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
    return res.rows;
  } finally {
    client.release();
  }
}

async function report() {
  // ruleid: no-missing-client-release
  const client = await reporting.connect();
  await client.query('SELECT count(*) FROM orders');
}

async function memberOfModule() {
  // ruleid: no-missing-client-release
  const client = await pools.pool.connect();
  await client.query('SELECT 1');
}

async function throughIndex() {
  // ruleid: no-missing-client-release
  const client = await viaIndex.connect();
  await client.query('SELECT 1');
}

async function auditLog(entry) {
  // ruleid: no-missing-client-release
  const client = await audit.connect();
  await client.query('INSERT INTO audit (entry) VALUES ($1)', [entry]);
  client.release();
}

module.exports = { getOrders, getOrdersSafely, report, memberOfModule, throughIndex, auditLog };
