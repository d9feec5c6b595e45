// Callers of a cached pool getter of another module: no driver import here.
import { poolFromUrl } from './cache';

export async function withDbLeak(url: string, fn: (c: unknown) => Promise<void>) {
  const pool = poolFromUrl(url);
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('BEGIN');
  try {
    await fn(client);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

export async function withDbOk(url: string, fn: (c: unknown) => Promise<void>) {
  const pool = poolFromUrl(url);
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await fn(client);
  } finally {
    try {
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  }
}
