// PG403 no-batch-insert-loop — one query per loop iteration (JavaScript).
const { Pool } = require('pg');

const pool = new Pool();

function saveLater(queue, user) {
  queue.push(user);
}

async function perRow(users, ids, orders) {
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
  for (const key in orders) {
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

async function batched(users, queue) {
  // ok: no-batch-insert-loop
  await pool.query('INSERT INTO users (name) SELECT unnest($1::text[])', [users.map((u) => u.name)]);
  let last = 0;
  for (;;) {
    // ok: no-batch-insert-loop -- keyset pagination
    const { rows } = await pool.query('SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT 500', [last]);
    if (rows.length === 0) break;
    last = rows[rows.length - 1].id;
  }
  let deleted = 0;
  do {
    // ok: no-batch-insert-loop -- batches until nothing is left
    const res = await pool.query('DELETE FROM events WHERE id IN (SELECT id FROM events LIMIT 1000)');
    deleted = res.rowCount;
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

// A loop over chunks that sends one multi-row INSERT per chunk is already a batch: its SQL is
// built by a helper, so pglint cannot see one row per query.
function buildInsert(chunk) {
  return 'INSERT INTO docs (id, body) VALUES ' + chunk.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ');
}

async function insertChunks(rows, chunkSize = 500) {
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize);
    const insertQuery = buildInsert(chunk);
    // ok: no-batch-insert-loop
    await pool.query(insertQuery, chunk.flat());
  }
}

// A periodic loop (a heartbeat, a poller) runs one round per interval, not one per row.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function heartbeat(workerId, signal) {
  while (!signal.aborted) {
    // ok: no-batch-insert-loop
    await pool.query('UPDATE workers SET seen = now() WHERE id = $1', [workerId]);
    await sleep(10000);
  }
}

async function reaper(signal) {
  do {
    // ok: no-batch-insert-loop
    await pool.query("DELETE FROM sessions WHERE expires < now()");
    await new Promise((resolve) => setTimeout(resolve, 60000));
  } while (!signal.aborted);
}

async function drainQueue(queue) {
  while (queue.length > 0) {
    const job = queue.shift();
    // ruleid: no-batch-insert-loop -- no pause: one round trip per queued row
    await pool.query('INSERT INTO jobs (payload) VALUES ($1)', [job]);
  }
}

// A statement per item by design: the loop catches each item's failure and goes on, so one
// bad item does not stop the others (a batch would).
async function createSlots(slots) {
  for (const s of slots) {
    try {
      // ok: no-batch-insert-loop
      await pool.query('SELECT pg_create_logical_replication_slot($1, $2)', [s.name, s.plugin]);
    } catch (e) {
      console.error('slot', s.name, e);
    }
  }
}

async function insertOrStop(rows) {
  try {
    for (const r of rows) {
      // ruleid: no-batch-insert-loop -- the first failure ends the loop: nothing per item
      await pool.query('INSERT INTO t (a) VALUES ($1)', [r]);
    }
  } catch (e) {
    console.error(e);
  }
}

async function cleanupEach(rows) {
  for (const r of rows) {
    try {
      // ruleid: no-batch-insert-loop -- finally does not catch: a failure ends the loop
      await pool.query('INSERT INTO t (a) VALUES ($1)', [r]);
    } finally {
      console.log('done', r);
    }
  }
}

module.exports = { perRow, batched, insertChunks, heartbeat, reaper, drainQueue, createSlots, insertOrStop, cleanupEach };


const LEVELS = [['low', 1], ['high', 2]];

async function fillLevels() {
  for (const [name, level] of LEVELS) {
    // ok: no-batch-insert-loop -- two iterations, written in the module
    await pool.query('INSERT INTO levels (name, level) VALUES ($1, $2)', [name, level]);
  }
}

async function fillFromInput(levels) {
  for (const [name, level] of levels) {
    // ruleid: no-batch-insert-loop
    await pool.query('INSERT INTO levels (name, level) VALUES ($1, $2)', [name, level]);
  }
}

module.exports.fillLevels = fillLevels;
module.exports.fillFromInput = fillFromInput;

// -- what the loop iterates and what the statement is (issues 11 and 13) --------------------------

async function columnTypes(columns) {
  for (const column of columns) {
    // ok: no-batch-insert-loop -- a read of the system catalogs: one per schema object, not per row
    await pool.query('SELECT typname FROM pg_catalog.pg_type WHERE oid = $1', [column.typeOid]);
  }
}

async function reindexEach(loads) {
  const client = await pool.connect();
  for (const load of loads) {
    // ok: no-batch-insert-loop -- a session command each step needs first
    await client.query('SELECT set_config($1, $2, false)', ['search_path', load.schema]);
    // ok: no-batch-insert-loop -- a session command each step needs first
    await client.query('SET search_path = $1', [load.schema]);
    await client.query('REINDEX TABLE items');
  }
  client.release();
}

async function cleanLogTables(logTables, batchId) {
  const client = await pool.connect();
  for (const table of logTables) {
    // ok: no-batch-insert-loop -- each round names another table
    await client.query(`DELETE FROM logs.${client.escapeIdentifier(table)} WHERE batch_id = $1`, [batchId]);
  }
  client.release();
}

class Replica {
  constructor(sources, pending) {
    this.sources = sources;
    this.pending = pending;
  }

  async checkSources() {
    for (const source of this.sources) {
      // ok: no-batch-insert-loop -- a read per configured source of the object, not per data row
      await pool.query('SELECT count(*) FROM replica_log WHERE source = $1', [source]);
    }
  }

  async flush() {
    for (const row of this.pending) {
      // ruleid: no-batch-insert-loop -- a write per buffered row is still one round trip per row
      await pool.query('INSERT INTO replica_log (source, payload) VALUES ($1, $2)', [row.source, row.payload]);
    }
  }
}

async function latency(samples) {
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    // ok: no-batch-insert-loop -- a benchmark times each statement: one at a time on purpose
    await pool.query('INSERT INTO pings (n) VALUES ($1)', [i]);
    console.log(process.hrtime.bigint() - started);
  }
}

async function warm(ids) {
  const pending = ids.map((id) =>
    // ok: no-batch-insert-loop -- a concurrent fan-out through a variable handed to Promise.allSettled
    pool.query('SELECT payload FROM cache WHERE id = $1', [id]));
  return Promise.allSettled(pending);
}

function logAll(statements) {
  return statements.reduce(
    (chain, statement) =>
      // ruleid: no-batch-insert-loop -- a sequential reduce over promises is a loop
      chain.then(() => pool.query('INSERT INTO statement_log (s) VALUES ($1)', [statement])),
    Promise.resolve(),
  );
}

async function logAllAwaited(statements) {
  await statements.reduce(async (previous, statement) => {
    await previous;
    // ruleid: no-batch-insert-loop -- the callback waits for the accumulator: one after the other
    await pool.query('INSERT INTO statement_log (s) VALUES ($1)', [statement]);
  }, Promise.resolve());
}

async function perGroup(groups) {
  await Promise.all(groups.map(async (group) => {
    for (const row of group.rows) {
      // ruleid: no-batch-insert-loop -- a sequential loop inside each branch of a fan-out
      await pool.query('INSERT INTO group_rows (g, r) VALUES ($1, $2)', [group.id, row.id]);
    }
  }));
}

module.exports.more = { columnTypes, reindexEach, cleanLogTables, Replica, latency, warm, logAll, logAllAwaited, perGroup };
