// PG203 no-unsafe-search-path — search_path from non-constant input (JavaScript).
const { Pool, escapeIdentifier } = require('pg');
const { neon } = require('@neondatabase/serverless');
const format = require('pg-format');

const pool = new Pool();
const http = neon(process.env.DATABASE_URL);
const APP_SCHEMA = 'app';

async function tenantQueries(tenant, schema) {
  const client = await pool.connect();
  try {
    // ruleid: no-unsafe-search-path
    await client.query(`SET search_path TO ${tenant}, public`);
    // ruleid: no-unsafe-search-path
    await client.query('SET search_path = ' + schema);
    // ruleid: no-unsafe-search-path -- a parameter is still caller-controlled
    await client.query("SELECT set_config('search_path', $1, false)", [schema]);
    // ruleid: no-unsafe-search-path
    await client.query('SET LOCAL search_path TO ' + schema);
    // ruleid: no-unsafe-search-path
    await client.query({ text: 'SET search_path TO ' + tenant });
    // ruleid: no-unsafe-search-path
    await client.query(`SELECT set_config('search_path', '${schema}', true)`);
    let stmt = 'SET search_path TO ';
    stmt += tenant;
    // ruleid: no-unsafe-search-path
    await client.query(stmt);
  } finally {
    client.release();
  }
}

async function serverless(schema) {
  // ruleid: no-unsafe-search-path
  await http.query(`SET search_path TO ${schema}`);
}

async function constantPaths(tenant, n) {
  const client = await pool.connect();
  try {
    // ok: no-unsafe-search-path
    await client.query('SET search_path TO app, public');
    // ok: no-unsafe-search-path -- a constant hole
    await client.query(`SET search_path TO ${APP_SCHEMA}, public`);
    // ruleid: no-unsafe-search-path -- quoted by pg-format, still the caller's choice of schema
    await client.query(format('SET search_path TO %I, public', tenant));
    // ruleid: no-unsafe-search-path -- escaped identifier, still the caller's choice of schema
    await client.query('SET search_path TO ' + escapeIdentifier(tenant));
    // ok: no-unsafe-search-path
    await client.query("SELECT set_config('search_path', 'app, public', false)");
    // ok: no-unsafe-search-path
    await client.query('SHOW search_path');
    // ok: no-unsafe-search-path -- another setting
    await client.query('SET statement_timeout = ' + Number(n));
    // ok: no-unsafe-search-path -- inside a string literal
    await client.query("SELECT 'SET search_path TO x' AS doc");
  } finally {
    client.release();
  }
}

module.exports = { tenantQueries, serverless, constantPaths };

// -- the operator's configuration (issue 11) ------------------------------------------------------

class TenantStore {
  constructor(schema) {
    this.schema = schema;
  }

  async init(client) {
    // ok: no-unsafe-search-path -- the object's own configuration
    await pool.query(`SET search_path TO ${this.schema}, public`);
  }
}

async function fromSettings() {
  // ok: no-unsafe-search-path -- the deployment's environment
  await pool.query(`SET search_path TO ${process.env.APP_SCHEMA}`);
}

module.exports.configured = { TenantStore, fromSettings };
