// PG101 — correlated conditions (corpus, issue 11): the same unmodified flag guards the
// checkout and the release, so no path checks out without giving back.
'use strict';

const { Pool } = require('pg');

const pool = new Pool();

async function withClient(given) {
  const own = !given;
  let client = given;
  if (own) {
    // ok: no-missing-client-release -- released under the same `own`
    client = await pool.connect();
  }
  try {
    return await client.query('SELECT 1');
  } finally {
    if (own) client.release();
  }
}

async function otherFlag(own, release) {
  let client = null;
  if (own) {
    // ruleid: no-missing-client-release -- `release` is not `own`
    client = await pool.connect();
  }
  try {
    return await client.query('SELECT 1');
  } finally {
    if (release) client.release();
  }
}
