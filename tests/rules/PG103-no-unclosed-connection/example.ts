// PG103 no-unclosed-connection — TypeScript cases (neon, typed clients, default import).
import pg from 'pg';
import { Client as NeonClient } from '@neondatabase/serverless';
import type { Client } from 'pg';

async function neonClientNotEnded(): Promise<void> {
  const client = new NeonClient({ connectionString: process.env.DATABASE_URL });
  // ruleid: no-unclosed-connection
  await client.connect();
  await client.query('SELECT 1');
}

async function neonClientEndedInFinally(): Promise<void> {
  const client = new NeonClient(process.env.DATABASE_URL!);
  // ok: no-unclosed-connection
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}

async function defaultImportClientEarlyReturn(flag: boolean): Promise<number> {
  const client = new pg.Client();
  // ruleid: no-unclosed-connection
  await client.connect();
  if (flag) {
    return 0;
  }
  await client.end();
  return 1;
}

async function typedClientLeaksOnError(client: Client): Promise<void> {
  // ok: no-unclosed-connection -- a typed connection that is already open is the caller's
  await client.query('SELECT 1');
}

export class Migrator {
  private readonly client = new pg.Client();

  async run(): Promise<void> {
    // ok: no-unclosed-connection -- a connection kept on `this` is the object's to close
    await this.client.connect();
    await this.client.query('SELECT 1');
  }
}

import * as pgNs from 'pg';

async function namespaceClientEndedInFinally(): Promise<number> {
  const client: pgNs.Client = new pgNs.Client();
  // ok: no-unclosed-connection
  await client.connect();
  try {
    const res = await client.query<{ n: number }>('SELECT 1 AS n');
    return res.rows[0].n;
  } finally {
    await client.end();
  }
}

async function endNotAwaitedStillCloses(): Promise<void> {
  const client = new pgNs.Client();
  // ok: no-unclosed-connection -- pg's end() starts closing even when not awaited
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    void client.end();
  }
}

function callbackConnectEndsOnBothPaths(): void {
  const client = new pg.Client();
  // ok: no-unclosed-connection
  client.connect((err?: Error) => {
    if (err) {
      return;
    }
    client.query('SELECT 1', () => {
      void client.end();
    });
  });
}

function promiseConnectWithoutEnd(): Promise<unknown> {
  const client = new pg.Client();
  // ruleid: no-unclosed-connection
  return client.connect().then(() => client.query('SELECT 1'));
}

async function loopOpensConnectionsWithoutEnd(urls: string[]): Promise<void> {
  for (const url of urls) {
    const client = new NeonClient(url);
    // ruleid: no-unclosed-connection
    await client.connect();
    await client.query('SELECT 1');
  }
}
