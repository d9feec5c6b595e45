// PG301 — pg-promise: pgp(cn) hands the connection object or string to node-postgres.
const pgp = require('pg-promise')();

const db = pgp({
  host: 'db.internal',
  // ruleid: no-insecure-ssl
  ssl: { rejectUnauthorized: false },
});

// ruleid: no-insecure-ssl
const other = pgp('postgres://app@db.internal/app?sslmode=require');

// ok: no-insecure-ssl
const verified = pgp({ host: 'db.internal', ssl: { ca: process.env.DB_CA } });

module.exports = { db, other, verified };
