// PG202 — TypeORM: query(text, params) on PostgreSQL numbers its placeholders $1, $2, …; a text
// written without $n is not judged (the DataSource may be MySQL's, whose placeholder is `?`).
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function rename(id: number, name: string) {
  // ruleid: check-query-params
  await dataSource.query('UPDATE users SET name = $2 WHERE id = $1', [name]);
  // ok: check-query-params
  await dataSource.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
  // ok: check-query-params -- no $n: the placeholders are the DataSource's driver's
  await dataSource.query('UPDATE users SET name = ? WHERE id = ?', [name, id]);
}
