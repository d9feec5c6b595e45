// PG201 no-unsafe-query — SQL text built from non-constant values (JavaScript).
const { Pool, escapeIdentifier } = require('pg');
const { sql } = require('@vercel/postgres');
const { neon } = require('@neondatabase/serverless');
const format = require('pg-format');
const SQL = require('sql-template-strings');

const pool = new Pool();
const http = neon(process.env.DATABASE_URL);
const TABLE = 'users';
const COLUMNS = ['id', 'name', 'email'];
const QUERIES = { byId: 'SELECT id, name FROM users WHERE id = $1' };

function selectAllUsers() {
  return 'SELECT id, name FROM users';
}

function buildSelect(table) {
  return 'SELECT id FROM ' + table;
}

async function unsafe(name, id, table, req) {
  // ruleid: no-unsafe-query
  await pool.query(`SELECT id FROM users WHERE name = '${name}'`);
  // ruleid: no-unsafe-query
  await pool.query('SELECT id FROM users WHERE id = ' + id);
  // ok: no-unsafe-query -- a parameter in a name position (table, column): pglint trusts the caller there (see the rule's policy)
  await pool.query(`DELETE FROM ${table}`);
  // ruleid: no-unsafe-query
  await pool.query('SELECT id FROM users ORDER BY ' + req.query.sort);
  // ruleid: no-unsafe-query
  await pool.query({ text: 'SELECT id FROM users WHERE id = ' + id });
  // ruleid: no-unsafe-query
  await pool.query('SELECT id FROM users WHERE id = ' + String(id));
  // ruleid: no-unsafe-query
  await http.query(`SELECT id FROM users WHERE name = '${name}'`);
  // todoruleid: no-unsafe-query -- helpers returning text built from their parameters are not followed
  await pool.query(buildSelect(table));
}

async function throughLocals(name, filters) {
  let query = 'SELECT id FROM users WHERE 1 = 1';
  if (filters.active) query += ' AND active';
  // (reported at the query below)
  if (name) query += " AND name = '" + name + "'";
  // ruleid: no-unsafe-query -- at the query, not where the value entered the text
  await pool.query(query);

  // (reported at the query below)
  const where = 'WHERE email = ' + filters.email;
  // ruleid: no-unsafe-query
  await pool.query('SELECT id FROM users ' + where);
}

async function safe(name, id, table, limit, text, client) {
  // ok: no-unsafe-query
  await pool.query('SELECT id FROM users WHERE name = $1', [name]);
  // ok: no-unsafe-query -- a constant hole
  await pool.query(`SELECT id FROM ${TABLE} WHERE id = $1`, [id]);
  // ok: no-unsafe-query -- a constant array joined
  await pool.query('SELECT ' + COLUMNS.join(', ') + ' FROM users');
  // ok: no-unsafe-query -- escaped identifier
  await pool.query('SELECT id FROM ' + escapeIdentifier(table));
  // ok: no-unsafe-query -- pg-format escapes %I and %L
  await pool.query(format('SELECT id FROM %I WHERE name = %L', table, name));
  // ok: no-unsafe-query -- @vercel/postgres sends the holes as parameters
  await sql`SELECT id FROM users WHERE name = ${name}`;
  // ok: no-unsafe-query -- sql-template-strings makes { text, values }
  await pool.query(SQL`SELECT id FROM users WHERE name = ${name}`);
  // ok: no-unsafe-query -- neon's tag parameterises too
  await http`SELECT id FROM users WHERE name = ${name}`;
  // ok: no-unsafe-query -- the text comes from the caller: unknown, not unsafe
  await pool.query(text);
  // ok: no-unsafe-query -- numbers cannot carry SQL
  await pool.query('SELECT id FROM users LIMIT ' + Number(limit));
  // ok: no-unsafe-query
  await pool.query(QUERIES.byId, [id]);
  // ok: no-unsafe-query -- a helper returning a literal
  await pool.query(selectAllUsers());
}

module.exports = { unsafe, throughLocals, safe };
