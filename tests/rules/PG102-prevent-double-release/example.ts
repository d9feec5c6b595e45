// PG102 prevent-double-release — TypeScript cases (typed clients, parameter properties).
import { Pool, PoolClient } from 'pg';

export class Orders {
  constructor(private readonly pool: Pool) {}

  async retryReleasesTwice(): Promise<void> {
    const client: PoolClient = await this.pool.connect();
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await client.query('SELECT 1');
        break;
      } catch (err) {
        // ruleid: prevent-double-release
        client.release(err as Error);
      }
    }
    // ruleid: prevent-double-release
    client.release();
  }

  async releaseInTryAndFinally(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT 1');
      client!.release();
    } finally {
      // ruleid: prevent-double-release
      client.release();
    }
  }

  async releasedOnceInFinally(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT 1');
    } finally {
      // ok: prevent-double-release
      client.release();
    }
  }
}

async function optionalChainingTwice(pool: Pool): Promise<void> {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('SELECT 1');
    client?.release();
  } finally {
    // ruleid: prevent-double-release
    client?.release();
  }
}

async function clearedWithUndefined(pool: Pool): Promise<void> {
  let client: PoolClient | undefined = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
    client = undefined;
  } finally {
    // ok: prevent-double-release
    if (client !== undefined) client.release();
  }
}

async function releaseHelperCalledTwice(pool: Pool): Promise<void> {
  const client = await pool.connect();
  const giveBack = (): void => client.release();
  giveBack();
  // ruleid: prevent-double-release
  giveBack();
}

async function passedInClientReleasedTwice(client: PoolClient): Promise<void> {
  client.release();
  // todoruleid: prevent-double-release -- only clients checked out in the same function are tracked
  client.release();
}

async function switchBothCasesRelease(pool: Pool, kind: 'a' | 'b'): Promise<void> {
  // todook: no-missing-client-release -- the switch is exhaustive by its type; pglint does not read union types
  const client = await pool.connect();
  switch (kind) {
    case 'a':
      client.release();
    // falls through
    case 'b':
      // ruleid: prevent-double-release
      client.release();
      break;
  }
}
