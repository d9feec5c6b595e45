// PG105 no-transaction-on-pool — transaction control through a pool shortcut (TypeScript).
import { Pool, Client, PoolClient } from 'pg';
import { sql, db } from '@vercel/postgres';
import { neon } from '@neondatabase/serverless';

const pool: Pool = new Pool();
const http = neon(process.env.DATABASE_URL!);
const BEGIN = 'BEGIN' as const;
const TX = { commit: 'COMMIT' } as const;

interface Account {
  id: number;
  balance: number;
}

export async function transfer(from: number, to: number): Promise<void> {
  // ruleid: no-transaction-on-pool
  await pool.query('BEGIN');
  await pool.query<Account>('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
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
  await pool.query({ text: 'BEGIN' } satisfies { text: string });
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

class Ledger {
  constructor(private readonly pool: Pool) {}

  async open(): Promise<void> {
    // ruleid: no-transaction-on-pool
    await this.pool.query<never>('BEGIN');
  }
}

async function serverless() {
  // ruleid: no-transaction-on-pool -- every neon HTTP query is its own transaction
  await http`BEGIN`;
}

async function onAClient() {
  const client: PoolClient = await pool.connect();
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

async function notTransactions(text: string): Promise<void> {
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
  const client: Client = new Client();
  await client.connect();
  // ok: no-transaction-on-pool -- a single connection
  await client.query('BEGIN');
  // ok: no-transaction-on-pool
  await client.query('COMMIT');
  await client.end();
}

export { Ledger, undo, configObject, vercel, serverless, onAClient, notTransactions, directClient };
