// PG202 check-query-params — the { text, values } form one const away (TypeScript).
import { Pool, type QueryConfig } from 'pg';

const pool = new Pool();

export async function oneHop(from: Date, to: Date) {
  const text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2 AND c = $3';
  const values = [from, to];
  // ruleid: check-query-params
  const config: QueryConfig = { text, values };
  return pool.query(config);
}

export async function bracketedMatching(id: number) {
  // ok: check-query-params
  return pool.query({ ['text']: 'SELECT 1 FROM t WHERE id = $1', ['values']: [id] });
}
