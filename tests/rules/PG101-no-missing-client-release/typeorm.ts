// PG101 — TypeORM: a query runner holds a pooled pg client from its first connect()/query()
// until release(); dataSource.transaction(cb) and dataSource.query() give it back themselves.
import { DataSource, QueryRunner } from 'typeorm';

export const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function countUsers() {
  const runner = dataSource.createQueryRunner();
  // ruleid: no-missing-client-release -- connect() checks a client out of the pool
  await runner.connect();
  const rows = await runner.query('SELECT count(*) AS n FROM users');
  return rows[0].n;
}

export function describe() {
  // ok: no-missing-client-release -- a runner never connected holds no client
  const runner = dataSource.createQueryRunner();
  return runner.isReleased;
}

export async function unconnected(id: number) {
  const runner = dataSource.createQueryRunner();
  // ruleid: no-missing-client-release -- startTransaction() connects the runner
  await runner.startTransaction();
  await runner.query('DELETE FROM users WHERE id = $1', [id]);
  await runner.commitTransaction();
}

export async function renameAll(name: string) {
  // ok: no-missing-client-release -- released in finally; connect() that fails holds nothing
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('UPDATE users SET name = $1', [name]);
    await runner.query('UPDATE teams SET owner = $1', [name]);
  } finally {
    await runner.release();
  }
}

export async function transfer(from: number, to: number) {
  // ok: no-missing-client-release -- the documented transaction idiom
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
    await runner.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
    await runner.commitTransaction();
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    await runner.release();
  }
}

export async function managed(id: number) {
  // ok: no-missing-client-release -- TypeORM checks out and releases around the callback
  return dataSource.transaction(async (manager) => manager.query('DELETE FROM users WHERE id = $1', [id]));
}

export async function borrowed(runner: QueryRunner) {
  // ok: no-missing-client-release -- a runner passed in belongs to the caller
  return runner.query('SELECT 1');
}
