// PG101 — module code that checks a client out, uses it and never gives it back, with no function
// of the module using it: the held client keeps the pool (and the process) alive.
import pg from 'pg';

const pool = new pg.Pool();
// ruleid: no-missing-client-release
const client = await pool.connect();
await client.query('UPDATE counters SET n = n + 1');
