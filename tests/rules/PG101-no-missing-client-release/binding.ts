// PG101 — binding that follows the program, not only imports (issue 12), TypeScript.
//
// A parameter or field typed with a project class resolves `db.method()` to that
// class's method; a pool returned by a method; a helper returning an array.

import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export class Database {
  async getClient(): Promise<PoolClient> {
    return pool.connect();
  }

  async openPool(): Promise<Pool> {
    return new Pool();
  }
}

// a parameter typed with a project class
export async function typedParamLeak(db: Database) {
  // ruleid: no-missing-client-release
  const client = await db.getClient();
  await client.query('SELECT 1');
}

export async function typedParamOk(db: Database | null) {
  if (!db) return;
  // ok: no-missing-client-release
  const client = await db.getClient();
  try {
    await client.query('SELECT 1');
    await client.query('SELECT 2');
  } finally {
    client.release();
  }
}

// a pool returned by a method of an instance
export async function instancePoolLeak(db: Database) {
  const p = await db.openPool();
  // ruleid: no-missing-client-release
  const client = await p.connect();
  await client.query('SELECT 1');
}

export class Service {
  constructor(private readonly db: Database) {}

  // a field typed with a project class
  async fieldLeak() {
    // ruleid: no-missing-client-release
    const client = await this.db.getClient();
    await client.query('SELECT 1');
  }

  async fieldOk() {
    // ok: no-missing-client-release
    const client = await this.db.getClient();
    try {
      await client.query('SELECT 1');
      await client.query('SELECT 2');
    } finally {
      client.release();
    }
  }
}

export async function constructedLeak() {
  const db = new Database();
  // ruleid: no-missing-client-release
  const client = await db.getClient();
  await client.query('SELECT 1');
}

// a helper returning the client and its release function
async function checkout(): Promise<[PoolClient, () => void]> {
  const client = await pool.connect();
  return [client, () => client.release()];
}

export async function arrayLeak() {
  // ruleid: no-missing-client-release
  const [client, done] = await checkout();
  await client.query('SELECT 1');
  done();
}

export async function arrayOk() {
  // ok: no-missing-client-release
  const [client, done] = await checkout();
  try {
    await client.query('SELECT 1');
    await client.query('SELECT 2');
  } finally {
    done();
  }
}
