// PG202 check-query-params — $n placeholders against the values passed (JavaScript).
const { Pool } = require('pg');
const { neon } = require('@neondatabase/serverless');

const pool = new Pool();
const http = neon(process.env.DATABASE_URL);
const COLUMNS = 'id, name';
const BY_NAME = 'SELECT id FROM users WHERE name = $1 AND org = $2';

async function wrong(id, name, org, a, b, c, d, e, f, g, h, i) {
  // ruleid: check-query-params
  await pool.query('UPDATE users SET name = $2 WHERE id = $1', [name]);
  // ruleid: check-query-params -- $2 is never used
  await pool.query('SELECT id FROM users WHERE id = $1 OR id = $3', [a, b, c]);
  // ruleid: check-query-params -- placeholders but no values
  await pool.query('SELECT id FROM users WHERE id = $1');
  // ruleid: check-query-params -- psycopg style under node-postgres
  await pool.query('SELECT id FROM users WHERE id = %s', [id]);
  // ruleid: check-query-params -- two-digit index, nine values
  await pool.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [a, b, c, d, e, f, g, h, i]);
  // ruleid: check-query-params
  await pool.query({ text: 'SELECT id FROM users WHERE id = $1 AND org = $2', values: [id] });
  // ruleid: check-query-params -- a repeated index still needs $2's value
  await pool.query('SELECT $1, $1, $2', [a]);
  // ruleid: check-query-params -- more values than placeholders
  await pool.query('SELECT id FROM users WHERE id = $1', [id, name]);
  // ruleid: check-query-params -- a constant template literal
  await pool.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`);
  // ruleid: check-query-params
  await http.query(BY_NAME, [name]);
}

async function throughVariables(id, name) {
  const params = [id];
  // ruleid: check-query-params
  await pool.query(BY_NAME, params);
  const text = 'SELECT id FROM users WHERE id = $1';
  const values = [id, name];
  // ruleid: check-query-params
  await pool.query({ text, values });
}

async function right(id, name, org, a, b, c, d, e, f, g, h, i, j, filters) {
  // ok: check-query-params
  await pool.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
  // ok: check-query-params -- $1 inside a string literal is text
  await pool.query("SELECT '$1' AS price");
  // ok: check-query-params -- $2 inside a comment
  await pool.query('SELECT id FROM users WHERE id = $1 -- and $2', [id]);
  // ok: check-query-params -- $1 inside a dollar-quoted body
  await pool.query('DO $$ BEGIN RAISE NOTICE $q$ $1 $q$; END $$');
  // ok: check-query-params -- a repeated index
  await pool.query('SELECT $1::int + $1::int', [a]);
  // ok: check-query-params
  await pool.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [a, b, c, d, e, f, g, h, i, j]);
  // ok: check-query-params -- %s inside a LIKE pattern is text
  await pool.query("SELECT id FROM users WHERE name LIKE '%smith%'");
  // ok: check-query-params
  await pool.query({ text: BY_NAME, values: [name, org] });
  const params = [];
  let sql = 'SELECT id FROM users WHERE true';
  if (filters.name) {
    params.push(filters.name);
    sql += ` AND name = $${params.length}`;
  }
  // ok: check-query-params -- built dynamically: not counted
  await pool.query(sql, params);
  // ok: check-query-params -- tagged templates number their own holes
  await http`SELECT id FROM users WHERE id = ${id}`;
}

module.exports = { wrong, throughVariables, right };
