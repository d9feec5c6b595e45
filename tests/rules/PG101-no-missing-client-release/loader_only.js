// PG101 — a project's own loader function (issue 12): the only mention of the driver is
// `load('pg')`, where `load` is a thin wrapper over require (it also lets the file through
// the gate). A function that does more than load is not a loader.
'use strict';

const load = (name) => require(name);

function configure(name) {
  const mod = require(name);
  return mod.defaults;
}

async function loaderLeak() {
  const pg = load('pg');
  const pool = new pg.Pool();
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('SELECT 1');
}

async function loaderOk() {
  const pg = load('pg');
  const pool = new pg.Pool();
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    await client.query('SELECT 2');
  } finally {
    client.release();
  }
}

async function notALoader() {
  const pg = configure('pg');
  const pool = new pg.Pool();
  // ok: no-missing-client-release -- `configure` returns something else than the module
  const client = await pool.connect();
  await client.query('SELECT 1');
}

module.exports = { loaderLeak, loaderOk, notALoader };
