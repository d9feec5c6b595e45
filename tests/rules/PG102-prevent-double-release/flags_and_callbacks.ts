// PG102 prevent-double-release — flags and callbacks (TypeScript).
import { Pool, type PoolClient } from 'pg';

const pool = new Pool();

export async function guardedTwice(): Promise<void> {
  const client: PoolClient = await pool.connect();
  let handedBack: boolean = false;
  try {
    await client.query('SELECT 1');
    if (!handedBack) {
      handedBack = true;
      client.release();
    }
  } finally {
    if (!handedBack) {
      handedBack = true;
      // ok: prevent-double-release
      client.release();
    }
  }
}

export function doneTwiceOnFailure(cb: (e: Error | null) => void): void {
  pool.connect(function (err, client, done) {
    if (err) {
      done(err);
    }
    // ruleid: prevent-double-release
    done();
    cb(null);
  });
}
