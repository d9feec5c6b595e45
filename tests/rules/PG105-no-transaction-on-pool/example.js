// PG105 no-transaction-on-pool — transaction control through a pool shortcut (JavaScript).
const { Pool, Client } = require('pg');
const { sql, db } = require('@vercel/postgres');
const { neon } = require('@neondatabase/serverless');

const pool = new Pool();
const http = neon(process.env.DATABASE_URL);
const BEGIN = 'BEGIN';
const TX = { commit: 'COMMIT' };

async function transfer(from, to) {
  // ruleid: no-transaction-on-pool
  await pool.query('BEGIN');
  await pool.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
  await pool.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
  // ruleid: no-transaction-on-pool
  await pool.query('COMMIT');
}

async function undo() {
  // ruleid: no-transaction-on-pool
  await pool.query('ROLLBACK');
  // ruleid: no-transaction-on-pool
  await pool.query('start transaction isolation level serializable');
  // ruleid: no-transaction-on-pool
  await pool.query('SAVEPOINT before_update');
  // ruleid: no-transaction-on-pool
  await pool.query('ROLLBACK TO SAVEPOINT before_update');
}

async function configObject() {
  // ruleid: no-transaction-on-pool
  await pool.query({ text: 'BEGIN' });
  // ruleid: no-transaction-on-pool
  await pool.query(BEGIN);
  // ruleid: no-transaction-on-pool
  await pool.query(TX.commit);
}

async function vercel() {
  // ruleid: no-transaction-on-pool
  await sql`BEGIN`;
  // ruleid: no-transaction-on-pool
  await db.query('COMMIT');
}

async function serverless() {
  // ruleid: no-transaction-on-pool -- every neon HTTP query is its own transaction
  await http`BEGIN`;
}

async function onAClient() {
  const client = await pool.connect();
  try {
    // ok: no-transaction-on-pool
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = 0');
    // ok: no-transaction-on-pool
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

async function notTransactions(text) {
  // ok: no-transaction-on-pool
  await pool.query('SELECT 1');
  // ok: no-transaction-on-pool -- inside a string literal
  await pool.query("SELECT 'BEGIN' AS word");
  // ok: no-transaction-on-pool -- inside a comment
  await pool.query('-- BEGIN\nSELECT 2');
  // ok: no-transaction-on-pool -- a dollar-quoted body
  await pool.query('DO $$ BEGIN PERFORM 1; END $$');
  // ok: no-transaction-on-pool -- one round trip on one connection
  await pool.query('BEGIN; UPDATE accounts SET balance = 0; COMMIT');
  // ok: no-transaction-on-pool
  await pool.query('SELECT begin_date FROM terms');
  // ok: no-transaction-on-pool -- unknown text
  await pool.query(text);
}

async function directClient() {
  const client = new Client();
  await client.connect();
  // ok: no-transaction-on-pool -- a single connection
  await client.query('BEGIN');
  // ok: no-transaction-on-pool
  await client.query('COMMIT');
  await client.end();
}

module.exports = { transfer, undo, configObject, vercel, serverless, onAClient, notTransactions, directClient };
