// PG201 — TypeORM: query(text, params) on a DataSource, a query runner, an EntityManager or a
// Repository sends `text` as written; values belong in the parameter array.
import { DataSource, EntityManager, Repository } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function byName(name: string) {
  // ruleid: no-unsafe-query
  return dataSource.query(`SELECT id FROM users WHERE name = '${name}'`);
}

export async function byNameSafely(name: string) {
  // ok: no-unsafe-query
  return dataSource.query('SELECT id FROM users WHERE name = $1', [name]);
}

export async function purge(manager: EntityManager, team: string) {
  // ruleid: no-unsafe-query
  await manager.query("DELETE FROM members WHERE team = '" + team + "'");
}

export async function search(repo: Repository<object>, term: string) {
  // ruleid: no-unsafe-query
  return repo.query(`SELECT id FROM docs WHERE title LIKE '%${term}%'`);
}

export async function inTransaction(id: string) {
  return dataSource.transaction(async (manager) => {
    // ruleid: no-unsafe-query -- the callback's manager is TypeORM's too
    await manager.query(`UPDATE docs SET locked = true WHERE id = '${id}'`);
  });
}

export async function onRunner(limit: number, table: string) {
  const runner = dataSource.createQueryRunner();
  try {
    // ok: no-unsafe-query -- a number cannot carry an injection
    await runner.query(`SELECT id FROM events LIMIT ${Number(limit)}`);
    // ruleid: no-unsafe-query
    await runner.query(`SELECT id FROM events WHERE kind = '${table}'`);
  } finally {
    await runner.release();
  }
}

export async function columns(source: DataSource, schema: string) {
  if (source.options.type === 'mysql' || source.options.type === 'aurora-mysql') {
    // ok: no-unsafe-query -- runs only on a MySQL DataSource: not PostgreSQL's SQL
    return source.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = '${schema}'`);
  }
  // ruleid: no-unsafe-query
  return source.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = '${schema}'`);
}
