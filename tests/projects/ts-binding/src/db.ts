// The project's database layer: a class whose method checks out clients, and a helper
// returning a client with its release function (issue 12 binding fixture).
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export class Database {
  async client(): Promise<PoolClient> {
    return pool.connect();
  }
}

export async function checkout() {
  const client = await pool.connect();
  return { client, release: () => client.release() };
}

export function createPool(connectionString: string) {
  const p = new Pool({ connectionString });
  p.on('error', () => undefined);
  return p;
}
