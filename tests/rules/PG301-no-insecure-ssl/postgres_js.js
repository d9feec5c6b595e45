// PG301 — postgres.js: `ssl: 'require'`, `'allow'` and `'prefer'` connect without verifying the
// server's certificate (src/connection.js: rejectUnauthorized = false), `ssl: false` and
// `sslmode=disable` in plaintext; the options may follow the URL (postgres(url, options)).
const postgres = require('postgres');

// ruleid: no-insecure-ssl
const a = postgres(process.env.DATABASE_URL, { ssl: 'require' });

const b = postgres({
  host: 'db.internal',
  // ruleid: no-insecure-ssl
  ssl: { rejectUnauthorized: false },
});

// ruleid: no-insecure-ssl
const c = postgres('postgres://app@db.internal/app?sslmode=disable');

// ok: no-insecure-ssl
const d = postgres(process.env.DATABASE_URL, { ssl: 'verify-full' });

module.exports = { a, b, c, d };
