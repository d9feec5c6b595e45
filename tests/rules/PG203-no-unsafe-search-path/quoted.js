// A quoted schema name is still a schema the caller chose: quoting stops injection, not the
// choice (issue 13). Constants, configuration and allowlisted names stay quiet.
const { Pool, escapeIdentifier } = require('pg');
const format = require('pg-format');

const pool = new Pool();
const TENANTS = ['acme', 'globex'];

async function enterQuoted(schema) {
  // ruleid: no-unsafe-search-path
  await pool.query(`SET search_path TO "${schema}", public`);
}

async function enterEscaped(schema) {
  // ruleid: no-unsafe-search-path
  await pool.query(`SET search_path TO ${escapeIdentifier(schema)}, public`);
}

async function enterFormatted(schema) {
  // ruleid: no-unsafe-search-path
  await pool.query(format('SET search_path TO %I, public', schema));
}

async function fromRequest(req) {
  const client = await pool.connect();
  // ruleid: no-unsafe-search-path
  await client.query(`SET search_path TO ${client.escapeIdentifier(req.query.tenant)}`);
}

async function fromEnvironment() {
  // ok: no-unsafe-search-path
  await pool.query(`SET search_path TO ${escapeIdentifier(process.env.APP_SCHEMA)}`);
}

async function fromConstant() {
  // ok: no-unsafe-search-path
  await pool.query(format('SET search_path TO %I', 'reporting'));
}

async function allowlisted(schema) {
  if (!TENANTS.includes(schema)) throw new Error(`unknown tenant ${schema}`);
  // ok: no-unsafe-search-path
  await pool.query(`SET search_path TO ${escapeIdentifier(schema)}, public`);
}

class Tenancy {
  constructor(schema) { this.schema = schema; }

  async enter(client) {
    // ok: no-unsafe-search-path
    await client.query(`SET search_path TO ${escapeIdentifier(this.schema)}`);
  }
}

module.exports = { enterQuoted, enterEscaped, enterFormatted, fromRequest, fromEnvironment, fromConstant, allowlisted, Tenancy };
