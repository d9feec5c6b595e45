// PG401 prefer-pool-query — session-bound statements (TypeScript).
import { Pool, type PoolClient } from 'pg';

const pool = new Pool();

export async function localTimeout(seconds: number): Promise<void> {
  // ok: prefer-pool-query
  const client: PoolClient = await pool.connect();
  try {
    await client.query(`SET LOCAL lock_timeout = '${seconds}s'`);
  } finally {
    client.release();
  }
}

export async function sessionSetting(name: string): Promise<void> {
  // ok: prefer-pool-query
  const client: PoolClient = await pool.connect();
  try {
    await client.query("SELECT set_config('app.user', $1, false)", [name]);
  } finally {
    client.release();
  }
}

export async function unlockJob(jobId: number): Promise<void> {
  // ok: prefer-pool-query
  const client: PoolClient = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_unlock($1)', [jobId]);
  } finally {
    client.release();
  }
}

export async function orderCount(): Promise<number> {
  // ruleid: prefer-pool-query
  const client: PoolClient = await pool.connect();
  const res = await client.query('SELECT count(*) AS n FROM orders');
  client.release();
  return res.rows[0].n;
}
