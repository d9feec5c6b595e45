// PG104 — TypeORM: release() gives the pg client back as it is, so a transaction started with
// startTransaction() must be committed or rolled back on every path before it.
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function move(id: number, folder: number) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('UPDATE files SET folder = $2 WHERE id = $1', [id, folder]);
    await runner.commitTransaction();
  } finally {
    // ruleid: no-unterminated-transaction -- the query throws: released inside the transaction
    await runner.release();
  }
}

export async function moveSafely(id: number, folder: number) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query('UPDATE files SET folder = $2 WHERE id = $1', [id, folder]);
    await runner.commitTransaction();
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    // ok: no-unterminated-transaction
    await runner.release();
  }
}
