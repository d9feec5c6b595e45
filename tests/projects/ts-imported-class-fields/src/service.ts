// Callers that never import a driver: the pool is a field of the imported class.
import Replica, { Database } from './db';

export async function renameLeak(db: Database, from: string, to: string) {
  // ruleid: no-missing-client-release
  const client = await db.pool.connect();
  await client.query('UPDATE tags SET name = $1 WHERE name = $2', [to, from]);
  client.release();
}

export async function renameOk(db: Database, from: string, to: string) {
  // ok: no-missing-client-release
  const client = await db.pool.connect();
  try {
    await client.query('UPDATE tags SET name = $1 WHERE name = $2', [to, from]);
  } finally {
    client.release();
  }
}

export async function replicaLeak(r: Replica) {
  // ruleid: no-missing-client-release
  const client = await r.replica.connect();
  await client.query('SELECT count(*) FROM tags');
  client.release();
}

export class Reports {
  private db = new Database(process.env.REPORTS_URL ?? '');

  async refreshLeak() {
    // ruleid: no-missing-client-release
    const client = await this.db.pool.connect();
    await client.query('REFRESH MATERIALIZED VIEW daily_totals');
    client.release();
  }

  async refreshOk() {
    // ok: no-missing-client-release
    const client = await this.db.pool.connect();
    try {
      await client.query('REFRESH MATERIALIZED VIEW daily_totals');
    } finally {
      client.release();
    }
  }
}
