// PG103 — a direct client kept in `this.client`: connect() throwing after storing it, and end()
// letting an exception skip the end (issue 12).
import { Client } from 'pg';

export class Database {
  private client!: Client;

  async connect(): Promise<void> {
    this.client = new Client();
    // ruleid: no-unclosed-connection -- a caller whose connect() failed does not call end()
    await this.client.connect();
    await this.client.query('SET search_path TO app');
  }

  async query(sql: string) {
    return this.client.query(sql);
  }

  async end(): Promise<void> {
    // ruleid: no-unclosed-connection -- a failing UNLISTEN skips the end
    await this.client.query('UNLISTEN *');
    await this.client.end();
  }
}

export class Reader {
  private client!: Client;

  async connect(): Promise<void> {
    this.client = new Client();
    // ok: no-unclosed-connection -- nothing can fail after the connection is stored
    await this.client.connect();
  }

  async query(sql: string) {
    return this.client.query(sql);
  }

  async end(): Promise<void> {
    // ok: no-unclosed-connection
    await this.client.end();
  }
}
