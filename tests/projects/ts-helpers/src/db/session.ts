import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export class Session {
  private client?: PoolClient;

  async open(): Promise<void> {
    // ok: no-missing-client-release -- close() gives it back
    this.client = await pool.connect();
  }

  async run(sql: string): Promise<unknown> {
    return this.client!.query(sql);
  }

  close(): void {
    this.client?.release();
  }
}

export class LeakySession {
  private client?: PoolClient;

  async open(): Promise<void> {
    // ruleid: no-missing-client-release -- no method of LeakySession gives it back
    this.client = await pool.connect();
  }

  async run(sql: string): Promise<unknown> {
    return this.client!.query(sql);
  }
}

export abstract class Store {
  protected async checkout(): Promise<PoolClient> {
    // ok: no-missing-client-release
    return pool.connect();
  }
}
