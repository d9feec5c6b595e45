// PG104 no-unterminated-transaction — TypeScript cases.
import { Pool, PoolClient } from 'pg';
import { Client as NeonClient } from '@neondatabase/serverless';

export class Accounts {
  constructor(private readonly pool: Pool) {}

  async transfer(from: number, to: number, amount: number): Promise<void> {
    const client: PoolClient = await this.pool.connect();
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

  async transferSafely(from: number, amount: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
      await client.query('COMMIT');
    } catch (e: unknown) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      // ok: no-unterminated-transaction
      client.release();
    }
  }

  async destroyOnError(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE accounts SET balance = 0');
      await client.query('COMMIT');
      // ok: no-unterminated-transaction
      client.release();
    } catch (err) {
      // ok: no-unterminated-transaction
      client.release(err instanceof Error ? err : true);
      throw err;
    }
  }
}

async function withTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    // ok: no-unterminated-transaction
    client.release();
  }
}

async function committedOnlyOnOnePath(pool: Pool, ok: boolean): Promise<void> {
  // ruleid: no-missing-client-release -- and any query that throws leaks it
  const client = await pool.connect();
  await client.query('BEGIN');
  if (ok) {
    await client.query('COMMIT');
  }
  // ruleid: no-unterminated-transaction
  client.release();
}

async function directConnectionClosedInTransaction(): Promise<void> {
  const client = new NeonClient(process.env.DATABASE_URL!);
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = 0');
    await client.query('COMMIT');
  } finally {
    // ok: no-unterminated-transaction -- closing a direct connection ends its transaction on the server; nothing is handed to another caller
    await client.end();
  }
}

function promiseChainWithoutRollback(pool: Pool): Promise<void> {
  return pool.connect().then((client: PoolClient) =>
    client
      .query('BEGIN')
      .then(() => client.query('UPDATE accounts SET balance = 0'))
      .then(() => client.query('COMMIT'))
      .then(() => undefined)
      // ruleid: no-unterminated-transaction
      .finally(() => client.release()),
  );
}

async function serializableInClassField(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`START TRANSACTION ISOLATION LEVEL SERIALIZABLE`);
    await client.query('UPDATE accounts SET balance = 0');
    await client.query('COMMIT');
  } catch (e) {
    // ok: no-unterminated-transaction
    client.release(true);
    throw e;
  }
  // ok: no-unterminated-transaction
  client.release();
}

async function rollbackThenReleaseInCatch(pool: Pool): Promise<void> {
  // ruleid: no-missing-client-release -- when the ROLLBACK itself throws
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = 0');
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    // ok: no-unterminated-transaction
    client.release();
    throw e;
  }
  // ok: no-unterminated-transaction
  client.release();
}
