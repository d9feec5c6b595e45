// PG403 — TypeORM: query(text, params) in a loop is one round trip per row.
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function tagAll(ids: string[]) {
  for (const id of ids) {
    // ruleid: no-batch-insert-loop
    await dataSource.query('INSERT INTO tags (doc_id) VALUES ($1)', [id]);
  }
}

export async function tagAllAtOnce(ids: string[]) {
  // ok: no-batch-insert-loop
  await dataSource.query('INSERT INTO tags (doc_id) SELECT unnest($1::text[])', [ids]);
}
