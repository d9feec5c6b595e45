// A pool kept inside an object literal stored in a field (issue 12): `this.conn.pool` is the pool.
import { Pool } from 'pg';

export class Store {
  private conn: { pool: Pool; name: string };

  constructor(url: string) {
    this.conn = { pool: new Pool({ connectionString: url }), name: 'main' };
  }

  async renameLeak(from: string, to: string) {
    // ruleid: no-missing-client-release
    const client = await this.conn.pool.connect();
    await client.query('UPDATE tags SET name = $1 WHERE name = $2', [to, from]);
    client.release();
  }

  async renameOk(from: string, to: string) {
    // ok: no-missing-client-release
    const client = await this.conn.pool.connect();
    try {
      await client.query('UPDATE tags SET name = $1 WHERE name = $2', [to, from]);
    } finally {
      client.release();
    }
  }
}

export class Nested {
  private db: { primary: { pool: Pool } };

  constructor() {
    this.db = { primary: { pool: new Pool() } };
  }

  async countLeak() {
    // ruleid: no-missing-client-release
    const client = await this.db.primary.pool.connect();
    const res = await client.query('SELECT count(*) FROM tags');
    client.release();
    return res.rows[0];
  }
}

export class Plain {
  private opts = { name: 'x', retries: 3 };

  async labelOk() {
    // ok: no-missing-client-release
    const client = await (this.opts as any).pool.connect();
    await client.query('SELECT 1');
    client.release();
  }
}
