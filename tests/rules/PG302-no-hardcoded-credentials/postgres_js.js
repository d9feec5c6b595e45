// PG302 — postgres.js reads the password from `password`/`pass` or the URL.
const postgres = require('postgres');

// ruleid: no-hardcoded-credentials
const a = postgres('postgres://app:hunter2@db.internal/app');

const b = postgres({
  host: 'db.internal',
  // ruleid: no-hardcoded-credentials
  pass: 'hunter2',
});

// ok: no-hardcoded-credentials
const c = postgres(process.env.DATABASE_URL, { password: process.env.PGPASSWORD });

module.exports = { a, b, c };
