// PG203 no-unsafe-search-path — builders (TypeScript).
import { Pool } from 'pg';

const pool = new Pool();

const pathFor = (schema: string): string => `SET search_path TO ${schema}`;

export async function enter(tenant: string): Promise<void> {
  // ruleid: no-unsafe-search-path
  await pool.query(pathFor(tenant));
}

export async function fixed(): Promise<void> {
  // ok: no-unsafe-search-path
  await pool.query(pathFor('billing'));
}
