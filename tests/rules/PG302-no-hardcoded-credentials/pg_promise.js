// PG302 — pg-promise: the password in pgp(cn)'s connection object or string.
const pgp = require('pg-promise')();

const db = pgp({
  host: 'db.internal',
  user: 'app',
  // ruleid: no-hardcoded-credentials
  password: 'hunter2',
});

// ruleid: no-hardcoded-credentials
const other = pgp('postgres://app:hunter2@db.internal/app');

// ok: no-hardcoded-credentials
const fromEnv = pgp({ host: 'db.internal', password: process.env.PGPASSWORD });

module.exports = { db, other, fromEnv };
