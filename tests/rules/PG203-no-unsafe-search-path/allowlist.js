// PG203 no-unsafe-search-path — a schema checked against a fixed set before the statement.
const { Pool } = require('pg');

const pool = new Pool();
const SCHEMAS = new Set(['north', 'south']);
const REGIONS = ['east', 'west'];

async function guardedThrow(schema) {
  if (!SCHEMAS.has(schema)) {
    throw new Error('unknown schema');
  }
  // ok: no-unsafe-search-path
  await pool.query(`SET search_path TO ${schema}`);
}

async function guardedReturn(res, region) {
  if (REGIONS.indexOf(region) === -1) {
    res.status(404).end();
    return;
  }
  // ok: no-unsafe-search-path
  await pool.query('SET search_path TO ' + region);
}

async function checkedTooLate(schema) {
  // ruleid: no-unsafe-search-path
  await pool.query(`SET search_path TO ${schema}`);
  if (!SCHEMAS.has(schema)) {
    throw new Error('unknown schema');
  }
}

async function checkedWithoutLeaving(schema) {
  if (!REGIONS.includes(schema)) {
    console.warn('unexpected schema', schema);
  }
  // ruleid: no-unsafe-search-path
  await pool.query(`SET search_path TO ${schema}`);
}

module.exports = { guardedThrow, guardedReturn, checkedTooLate, checkedWithoutLeaving };
