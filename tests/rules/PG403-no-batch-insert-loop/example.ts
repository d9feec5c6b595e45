// PG403 no-batch-insert-loop — one query per loop iteration (TypeScript).
import { Pool, PoolClient } from 'pg';

const pool: Pool = new Pool();

interface User {
  id: number;
  name: string;
  orgId: number;
  org?: unknown;
}

interface Order {
  id: number;
  lines: { sku: string }[];
}

function saveLater(queue: User[], user: User): void {
  queue.push(user);
}

export async function perRow(users: User[], ids: number[], orders: Order[]): Promise<void> {
  for (const u of users) {
    // ruleid: no-batch-insert-loop
    await pool.query('INSERT INTO users (name) VALUES ($1)', [u.name]);
  }
  for (let i = 0; i < ids.length; i++) {
    // ruleid: no-batch-insert-loop
    await pool.query('DELETE FROM sessions WHERE user_id = $1', [ids[i]]);
  }
  users.forEach(async (u) => {
    // ruleid: no-batch-insert-loop
    await pool.query('UPDATE users SET seen = true WHERE id = $1', [u.id]);
  });
  // a concurrent fan-out (Promise.all over a map) is a concurrency choice, not a sequential loop
  // ok: no-batch-insert-loop
  await Promise.all(users.map((u) => pool.query('INSERT INTO audit (user_id) VALUES ($1)', [u.id])));
  while (ids.length) {
    // ruleid: no-batch-insert-loop
    await pool.query('INSERT INTO seen (id) VALUES ($1)', [ids.pop()]);
  }
  for (const key in orders as Record<string, Order>) {
    // ruleid: no-batch-insert-loop
    await pool.query({ text: 'INSERT INTO orders (key) VALUES ($1)', values: [key] });
  }
  for (const u of users) {
    // ruleid: no-batch-insert-loop -- N+1 reads
    const { rows } = await pool.query('SELECT id FROM orgs WHERE id = $1', [u.orgId]);
    u.org = rows[0];
  }
  for (const o of orders) {
    for (const line of o.lines) {
      // ruleid: no-batch-insert-loop
      await pool.query('INSERT INTO order_lines (order_id, sku) VALUES ($1, $2)', [o.id, line.sku]);
    }
  }
}

async function batched(users: User[], queue: User[]): Promise<void> {
  // ok: no-batch-insert-loop
  await pool.query('INSERT INTO users (name) SELECT unnest($1::text[])', [users.map((u) => u.name)]);
  let last: number = 0;
  for (;;) {
    // ok: no-batch-insert-loop -- keyset pagination
    const { rows } = await pool.query('SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT 500', [last]);
    if (rows.length === 0) break;
    last = rows[rows.length - 1].id;
  }
  let deleted = 0;
  do {
    // ok: no-batch-insert-loop -- batches until nothing is left
    const res = await pool.query<never>('DELETE FROM events WHERE id IN (SELECT id FROM events LIMIT 1000)');
    deleted = res.rowCount ?? 0;
  } while (deleted > 0);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // ok: no-batch-insert-loop -- a retry loop runs the insert once
      await pool.query('INSERT INTO jobs (state) VALUES ($1)', ['new']);
      return;
    } catch (e) {
      continue;
    }
  }
  let values = '';
  for (const u of users) {
    values += '(' + Number(u.id) + '),';
  }
  // ok: no-batch-insert-loop -- the loop only builds the text
  await pool.query('INSERT INTO seen (id) VALUES ' + values.slice(0, -1));
  for (const u of users) {
    // ok: no-batch-insert-loop -- a helper that is not a query
    saveLater(queue, u);
  }
  for (const u of users) {
    // ok: no-batch-insert-loop -- a read without parameters is not per row
    await pool.query('SELECT 1');
  }
  for (const u of users) {
    // ok: no-batch-insert-loop -- runs later, not in the loop
    setTimeout(() => pool.query('INSERT INTO pings (id) VALUES ($1)', [u.id]).catch(() => {}), 10);
  }
}

async function typed(client: PoolClient, users: User[]): Promise<void> {
  for (const u of users) {
    // ruleid: no-batch-insert-loop
    await client.query<never>('INSERT INTO users (id, name) VALUES ($1, $2)', [u.id, u.name]);
  }
  // ok: no-batch-insert-loop
  await client.query<never>('INSERT INTO users (id, name) SELECT * FROM unnest($1::int[], $2::text[])',
    [users.map((u) => u.id), users.map((u) => u.name)]);
}

// A loop over chunks that sends one multi-row INSERT per chunk is already a batch: its SQL is
// built by a helper, so pglint cannot see one row per query.
function buildInsert(chunk: unknown[][]): string {
  return 'INSERT INTO docs (id, body) VALUES ' + chunk.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ');
}

async function insertChunks(rows: unknown[][], chunkSize = 500) {
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize);
    const insertQuery = buildInsert(chunk);
    // ok: no-batch-insert-loop
    await pool.query(insertQuery, chunk.flat());
  }
}

// A periodic loop (a heartbeat, a poller) runs one round per interval, not one per row.
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function heartbeat(workerId: number, signal: AbortSignal) {
  while (!signal.aborted) {
    // ok: no-batch-insert-loop
    await pool.query('UPDATE workers SET seen = now() WHERE id = $1', [workerId]);
    await sleep(10000);
  }
}

async function reaper(signal: AbortSignal) {
  do {
    // ok: no-batch-insert-loop
    await pool.query("DELETE FROM sessions WHERE expires < now()");
    await new Promise((resolve) => setTimeout(resolve, 60000));
  } while (!signal.aborted);
}

async function drainQueue(queue: string[]) {
  while (queue.length > 0) {
    const job = queue.shift();
    // ruleid: no-batch-insert-loop -- no pause: one round trip per queued row
    await pool.query('INSERT INTO jobs (payload) VALUES ($1)', [job]);
  }
}

// A statement per item by design: the loop catches each item's failure and goes on, so one
// bad item does not stop the others (a batch would).
async function createSlots(slots: { name: string; plugin: string }[]) {
  for (const s of slots) {
    try {
      // ok: no-batch-insert-loop
      await pool.query('SELECT pg_create_logical_replication_slot($1, $2)', [s.name, s.plugin]);
    } catch (e) {
      console.error('slot', s.name, e);
    }
  }
}

async function insertOrStop(rows: number[]) {
  try {
    for (const r of rows) {
      // ruleid: no-batch-insert-loop -- the first failure ends the loop: nothing per item
      await pool.query('INSERT INTO t (a) VALUES ($1)', [r]);
    }
  } catch (e) {
    console.error(e);
  }
}

async function cleanupEach(rows: number[]) {
  for (const r of rows) {
    try {
      // ruleid: no-batch-insert-loop -- finally does not catch: a failure ends the loop
      await pool.query('INSERT INTO t (a) VALUES ($1)', [r]);
    } finally {
      console.log('done', r);
    }
  }
}

export const FORMATS = [[1, 'CD'], [2, 'Vinyl'], [3, 'Digital']] as const;
const KINDS = ['album', 'single'];
KINDS.push('ep'); // grown at run time: not a fixed handful

async function fillSorts() {
  for (const [id, name] of FORMATS) {
    // ok: no-batch-insert-loop -- three iterations, all written in the module
    await pool.query('INSERT INTO formats (id, name) VALUES ($1, $2)', [id, name]);
  }
}

async function fillKinds() {
  for (const kind of KINDS) {
    // ruleid: no-batch-insert-loop -- KINDS grows at run time
    await pool.query('INSERT INTO kinds (name) VALUES ($1)', [kind]);
  }
}

async function perSchemaRows(rows: number[]) {
  for (const schema of ['public', 'audit']) {
    for (const r of rows) {
      // ruleid: no-batch-insert-loop -- the inner loop is over rows
      await pool.query('INSERT INTO t (schema, a) VALUES ($1, $2)', [schema, r]);
    }
  }
}

async function fixedModes() {
  for (const mode of ['on', 'off']) {
    // ok: no-batch-insert-loop -- two iterations written in the header
    await pool.query('INSERT INTO modes (mode) VALUES ($1)', [mode]);
  }
}

export { fillSorts, fillKinds, perSchemaRows, fixedModes };
export { batched, typed, insertChunks, heartbeat, reaper, drainQueue, createSlots, insertOrStop, cleanupEach };

// -- what the loop iterates and what the statement is (issues 11 and 13) --------------------------

export async function columnTypes(columns: { typeOid: number }[]): Promise<void> {
  for (const column of columns) {
    // ok: no-batch-insert-loop -- a read of the system catalogs: one per schema object, not per row
    await pool.query('SELECT table_name FROM information_schema.columns WHERE udt_name = $1', [column.typeOid]);
  }
}

export async function reindexEach(client: PoolClient, schemas: string[]): Promise<void> {
  for (const schema of schemas) {
    // ok: no-batch-insert-loop -- a session command each step needs first
    await client.query('SET search_path = $1', [schema]);
    await client.query('REINDEX TABLE items');
  }
}

export async function cleanLogTables(client: PoolClient, logTables: string[], batchId: number): Promise<void> {
  for (const table of logTables) {
    // ok: no-batch-insert-loop -- each round names another table
    await client.query(`DELETE FROM logs."${table}" WHERE batch_id = $1`, [batchId]);
  }
}

export async function saveVectors(table: string, batch: { id: number; v: string }[]): Promise<void> {
  for (const row of batch) {
    // ruleid: no-batch-insert-loop -- the same table every round: unnest would do
    await pool.query(`UPDATE "${table}" SET v = $1 WHERE id = $2`, [row.v, row.id]);
  }
}

export class Replica {
  constructor(private readonly sources: string[], private readonly pending: [string, string][]) {}

  async checkSources(): Promise<void> {
    for (const source of this.sources) {
      // ok: no-batch-insert-loop -- a read per configured source of the object, not per data row
      await pool.query('SELECT count(*) FROM replica_log WHERE source = $1', [source]);
    }
  }

  async flush(): Promise<void> {
    for (const [source, payload] of this.pending) {
      // ruleid: no-batch-insert-loop -- a write per buffered row is still one round trip per row
      await pool.query('INSERT INTO replica_log (source, payload) VALUES ($1, $2)', [source, payload]);
    }
  }
}

export async function latency(samples: number): Promise<void> {
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    // ok: no-batch-insert-loop -- a benchmark times each statement: one at a time on purpose
    await pool.query('INSERT INTO pings (n) VALUES ($1)', [i]);
    console.log(performance.now() - started);
  }
}

export async function refresh(skus: string[]): Promise<void> {
  await Promise.allSettled(
    // ok: no-batch-insert-loop -- a concurrent fan-out
    skus.map((sku) => pool.query('UPDATE products SET refreshed_at = now() WHERE sku = $1', [sku])),
  );
}

export function logAll(statements: string[]): Promise<unknown> {
  return statements.reduce<Promise<unknown>>(
    // ruleid: no-batch-insert-loop -- a sequential reduce over promises is a loop
    (chain, statement) => chain.then(() => pool.query('INSERT INTO statement_log (s) VALUES ($1)', [statement])),
    Promise.resolve(),
  );
}

export async function ordersWithLines(): Promise<void> {
  const { rows: orders } = await pool.query('SELECT id FROM orders WHERE open');
  for (const order of orders) {
    // ruleid: no-batch-insert-loop -- a data read per row of a previous query: the N+1
    await pool.query('SELECT sku FROM order_lines WHERE order_id = $1', [order.id]);
  }
}
