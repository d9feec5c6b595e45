// PG102 prevent-double-release — a destructured release (TypeScript).
import { Pool } from 'pg';

const pool = new Pool();

export async function releaseTwice(): Promise<void> {
  const { release: giveBack } = await pool.connect();
  giveBack();
  // ruleid: prevent-double-release
  giveBack();
}
