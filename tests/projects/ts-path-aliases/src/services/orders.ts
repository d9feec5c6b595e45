// Callers that reach the pool only through path aliases: '@/db' (an exact alias),
// '@app/db' (a wildcard alias), 'lib/checkout' (a name under baseUrl).
import { pool } from '@/db';
import { pool as samePool } from '@app/db';
import { checkout } from 'lib/checkout';

export async function archiveLeak(id: number) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('UPDATE orders SET archived = true WHERE id = $1', [id]);
  client.release();
}

export async function archiveOk(id: number) {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('UPDATE orders SET archived = true WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}

export async function purgeLeak(id: number) {
  // ruleid: no-missing-client-release
  const client = await samePool.connect();
  await client.query('DELETE FROM orders WHERE id = $1', [id]);
  client.release();
}

export async function totalLeak() {
  // ruleid: no-missing-client-release
  const client = await checkout();
  const res = await client.query('SELECT sum(total) FROM orders');
  client.release();
  return res.rows[0];
}

export async function totalOk() {
  // ok: no-missing-client-release
  const client = await checkout();
  try {
    return (await client.query('SELECT sum(total) FROM orders')).rows[0];
  } finally {
    client.release();
  }
}
