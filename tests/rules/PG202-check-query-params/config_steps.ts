// PG202 check-query-params — the { text, values } object assembled in steps.
import { Pool } from 'pg';

declare function build(from: number, to: number): { text: string; values: unknown[] };

const pool = new Pool();

async function steps(from: number, to: number): Promise<unknown> {
  const query: { text?: string; values?: unknown[] } = {};
  // ruleid: check-query-params
  query.text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2 AND c = $3';
  query.values = [from, to];
  return pool.query(query);
}

async function stepsMatching(from: number, to: number): Promise<unknown> {
  const query: { text?: string; values?: unknown[] } = {};
  // ok: check-query-params
  query.text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2';
  query['values'] = [from, to];
  return pool.query(query);
}

async function stepsReplaced(from: number, to: number): Promise<unknown> {
  let query: { text?: string; values?: unknown[] } = {};
  // ok: check-query-params
  query.text = 'SELECT count(*) FROM s WHERE a >= $1 AND b <= $2 AND c = $3';
  query.values = [from, to];
  query = build(from, to);
  return pool.query(query);
}

export { steps, stepsMatching, stepsReplaced };
