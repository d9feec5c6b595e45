// PG106 no-floating-query — query promises nobody awaits (TypeScript).
import { Pool, PoolClient, QueryResult } from 'pg';
import { sql } from '@vercel/postgres';

const pool: Pool = new Pool();

function track<T>(promise: Promise<T>): Promise<T> {
  return promise;
}

function onDone(err: Error | undefined, res: QueryResult): void {
  if (err) console.error(err);
}

export async function logVisit(userId: number): Promise<void> {
  // ruleid: no-floating-query
  pool.query('INSERT INTO visits (user_id) VALUES ($1)', [userId]);
}

function syncCaller(id: string): void {
  // ruleid: no-floating-query -- not awaited in a non-async function either
  pool.query('DELETE FROM sessions WHERE id = $1', [id]);
}

function callbackCheckout() {
  pool.connect((err, client, done) => {
    if (err) return;
    // ruleid: no-floating-query
    client.query('UPDATE counters SET n = n + 1');
    done();
  });
}

async function unusedVariable() {
  // ruleid: no-floating-query -- stored but never awaited
  const pending = pool.query('SELECT 1');
}

async function bareArray() {
  // ruleid: no-floating-query
  [pool.query('SELECT 1'), pool.query('SELECT 2')];
}

async function vercelTag() {
  // ruleid: no-floating-query
  sql`INSERT INTO visits (user_id) VALUES (1)`;
}

async function shortCircuit(enabled: boolean) {
  // ruleid: no-floating-query
  enabled && pool.query('INSERT INTO audit (what) VALUES ($1)', ['x']);
}

async function configObject() {
  // ruleid: no-floating-query
  pool.query({ text: 'INSERT INTO audit (what) VALUES ($1)', values: ['y'] });
}

class Repo {
  constructor(private readonly pool: Pool) {}

  save(id: number): void {
    // ruleid: no-floating-query
    this.pool.query('INSERT INTO saved (id) VALUES ($1)', [id]);
  }

  async typed(client: PoolClient): Promise<void> {
    // ruleid: no-floating-query
    client.query<{ id: number }>('UPDATE saved SET seen = true');
    // ok: no-floating-query
    await client.query<{ id: number }>('SELECT id FROM saved');
    // ok: no-floating-query
    const res = client.query('SELECT 1') as Promise<QueryResult>;
    await res;
  }
}

async function handled(userId: number): Promise<QueryResult> {
  // ok: no-floating-query
  await pool.query('SELECT 1');
  // ok: no-floating-query
  pool.query('SELECT 2').catch((e) => console.error(e));
  // ruleid: no-floating-query
  pool.query('SELECT 3').then((r) => r.rows);
  // ok: no-floating-query
  pool.query('SELECT 3').then((r) => r.rows, (e) => console.error(e));
  // ok: no-floating-query
  pool.query('SELECT 3').then((r) => r.rows).catch((e) => console.error(e));
  // ok: no-floating-query
  const p = pool.query('SELECT 4');
  await p;
  // ok: no-floating-query
  await Promise.all([pool.query('SELECT 5'), pool.query('SELECT 6')]);
  // ok: no-floating-query -- callback style returns no promise
  pool.query('INSERT INTO visits (user_id) VALUES ($1)', [userId], (err: Error) => {});
  // ok: no-floating-query -- a named callback
  pool.query('SELECT 7', onDone);
  // ok: no-floating-query -- explicitly discarded
  void pool.query('SELECT 8');
  // ok: no-floating-query
  track(pool.query('SELECT 9'));
  // ok: no-floating-query
  await sql`SELECT 10`;
  // ok: no-floating-query
  return pool.query('SELECT 11');
}

// ok: no-floating-query
const count = (): Promise<QueryResult> => pool.query('SELECT count(*) FROM users');

export { syncCaller, callbackCheckout, unusedVariable, bareArray, vercelTag, shortCircuit, configObject,
  Repo, handled, count };
