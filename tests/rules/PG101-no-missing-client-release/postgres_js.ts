// PG101 — postgres.js (TypeScript): a parameter typed `Sql` is the instance; its reserve()
// checks a connection out until release().
import postgres, { type Sql, type ReservedSql } from 'postgres';

export async function withLock(sql: Sql, key: number): Promise<void> {
  // ruleid: no-missing-client-release
  const reserved = await sql.reserve();
  await reserved`SELECT pg_advisory_lock(${key})`;
}

export async function withLockReleased(sql: Sql, key: number): Promise<void> {
  // ok: no-missing-client-release
  const reserved: ReservedSql = await sql.reserve();
  try {
    await reserved`SELECT pg_advisory_lock(${key})`;
  } finally {
    reserved.release();
  }
}

export function makeSql(url: string): Sql {
  return postgres(url);
}
