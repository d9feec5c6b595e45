// PG101 — a client checked out by module code and used by the module's functions (request
// handlers) is shared for the life of the process, like a module-level pool: no leak. Module code
// that fails throws out of the import, and the process with it.
import pg from 'pg';
import express from 'express';

const pool = new pg.Pool();
// ok: no-missing-client-release -- shared with the handlers below for the life of the process
const db = await pool.connect();
const app = express();

app.post('/items', async (req, res) => {
  const r = await db.query('SELECT name FROM items WHERE id = $1', [req.body.id]);
  res.json(r.rows);
});

export async function findItem(id) {
  return (await db.query('SELECT name FROM items WHERE id = $1', [id])).rows[0];
}
