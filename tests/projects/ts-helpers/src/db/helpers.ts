import type { PoolClient } from 'pg';

export function releaseClient(client: PoolClient): void {
  client.release();
}

// ruleid: no-missing-client-release -- gives the client back only when COMMIT succeeds
export async function commitAndRelease(client: PoolClient): Promise<void> {
  await client.query('COMMIT');
  client.release();
}

export async function withTransaction<T>(client: PoolClient, fn: (c: PoolClient) => Promise<T>): Promise<T> {
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
export async function withTransactionForgetful<T>(client: PoolClient, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  const result = await fn(client);
  await client.query('COMMIT');
  client.release();
  return result;
}

export async function countRows(client: PoolClient, table: string): Promise<number> {
  const res = await client.query(`SELECT count(*) AS n FROM ${table}`);
  return res.rows[0].n;
}
