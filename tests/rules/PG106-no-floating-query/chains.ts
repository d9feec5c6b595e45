// PG106 no-floating-query — promise chains (TypeScript) without a rejection handler, and stored promises nobody reads.
import { Pool } from 'pg';

const pool = new Pool();
const seen = new Set();

export function remember(id: number) {
  // ruleid: no-floating-query
  pool.query('SELECT name FROM users WHERE id = $1', [id]).then((res) => {
    seen.add(res.rows[0].name);
  });
}

export function rememberChained(id: number) {
  // ruleid: no-floating-query
  pool.query('SELECT name FROM users WHERE id = $1', [id])
    .then((res) => res.rows[0])
    .then((row) => seen.add(row.name));
}

export function cleanupOnly(id: number, onDone: () => void) {
  // ruleid: no-floating-query
  pool.query('DELETE FROM tokens WHERE user_id = $1', [id]).finally(onDone);
}

export function storedNeverRead(id: number) {
  let touch: Promise<unknown>;
  // ruleid: no-floating-query
  touch = pool.query('UPDATE users SET seen_at = now() WHERE id = $1', [id]);
}

export function caught(id: number) {
  // ok: no-floating-query
  pool.query('SELECT 1 FROM users WHERE id = $1', [id]).then((r) => r.rows).catch(console.error);
}

export function twoHandlers(id: number) {
  // ok: no-floating-query
  pool.query('SELECT 1 FROM users WHERE id = $1', [id]).then((r) => r.rows, console.error);
}

export function chainReturned(id: number) {
  // ok: no-floating-query
  return pool.query('SELECT 1 FROM users WHERE id = $1', [id]).then((r) => r.rows);
}

export async function chainAwaited(id: number) {
  // ok: no-floating-query
  await pool.query('SELECT 1 FROM users WHERE id = $1', [id]).finally(() => seen.clear());
}

export function storedAndRead(id: number) {
  let pending: Promise<unknown>;
  // ok: no-floating-query
  pending = pool.query('SELECT 1 FROM users WHERE id = $1', [id]);
  return pending;
}


