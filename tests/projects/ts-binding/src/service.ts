// Callers that never import the driver: the client comes from a parameter typed with the
// project's class, or from a helper returning an object.
import { Database, checkout, createPool } from './db';

export async function renameLeak(db: Database, from: string, to: string) {
  // ruleid: no-missing-client-release
  const client = await db.client();
  await client.query('UPDATE tags SET name = $1 WHERE name = $2', [to, from]);
  client.release();
}

export async function renameOk(db: Database, from: string, to: string) {
  // ok: no-missing-client-release
  const client = await db.client();
  try {
    await client.query('UPDATE tags SET name = $1 WHERE name = $2', [to, from]);
    await client.query('DELETE FROM tags WHERE name = $1', [from]);
  } finally {
    client.release();
  }
}

export async function countLeak() {
  // ruleid: no-missing-client-release
  const { client, release } = await checkout();
  const res = await client.query('SELECT count(*) FROM tags');
  release();
  return res.rows[0];
}

export async function countOk() {
  // ok: no-missing-client-release
  const { client, release } = await checkout();
  try {
    await client.query('SELECT 1');
    return (await client.query('SELECT count(*) FROM tags')).rows[0];
  } finally {
    release();
  }
}

export async function reportLeak(url: string) {
  const reports = createPool(url);
  // ruleid: no-missing-client-release
  const client = await reports.connect();
  await client.query('REFRESH MATERIALIZED VIEW daily_totals');
  client.release();
}

export async function reportOk(url: string) {
  const reports = createPool(url);
  // ok: no-missing-client-release
  const client = await reports.connect();
  try {
    await client.query('REFRESH MATERIALIZED VIEW daily_totals');
    await client.query('ANALYZE daily_totals');
  } finally {
    client.release();
  }
}
