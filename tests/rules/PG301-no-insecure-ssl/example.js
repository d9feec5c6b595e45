// PG301 no-insecure-ssl — TLS off or certificate verification disabled (JavaScript).
const fs = require('fs');
const https = require('https');
const pg = require('pg');
const { Pool, Client } = require('pg');
const PgPool = require('pg-pool');
const { createPool } = require('@vercel/postgres');
const { neon, Pool: NeonPool } = require('@neondatabase/serverless');
const mysql = require('mysql2');

// ruleid: no-insecure-ssl -- reported where the setting is written (used by pool e below)
const insecureSsl = { rejectUnauthorized: false };
// ruleid: no-insecure-ssl
const base = { host: 'db.internal', ssl: { rejectUnauthorized: false } };

// ruleid: no-insecure-ssl
const a = new Pool({ host: 'db.internal', ssl: { rejectUnauthorized: false } });
// ruleid: no-insecure-ssl
const b = new Client({ host: 'db.internal', ssl: false });
// ruleid: no-insecure-ssl
const c = new Pool({ connectionString: 'postgres://db.internal/app?sslmode=disable' });
// ruleid: no-insecure-ssl -- node-postgres' own mode without verification
const d = new Client('postgres://db.internal/app?sslmode=no-verify');
const e = new pg.Pool({
  host: 'db.internal',
  ssl: insecureSsl,
});
const f = new pg.Pool({ ...base, max: 5 });
// ruleid: no-insecure-ssl
const g = createPool({ connectionString: process.env.POSTGRES_URL, ssl: { rejectUnauthorized: false } });
// ruleid: no-insecure-ssl
const h = neon('postgres://db.internal/app?sslmode=disable');
// ruleid: no-insecure-ssl
const i = new NeonPool({ connectionString: 'postgresql://db.internal/app?sslmode=prefer' });
// ruleid: no-insecure-ssl
const j = new PgPool({ ssl: { rejectUnauthorized: false } });

// ok: no-insecure-ssl
const k = new Pool({ host: 'db.internal', ssl: { ca: fs.readFileSync('/etc/ssl/db-ca.pem').toString() } });
// ok: no-insecure-ssl
const l = new Pool({ ssl: true });
// ok: no-insecure-ssl
const m = new Pool({ ssl: { rejectUnauthorized: true } });
// ok: no-insecure-ssl -- decided at run time
const n = new Pool({ ssl: { rejectUnauthorized: process.env.NODE_ENV === 'production' } });
// ok: no-insecure-ssl
const o = new Pool({ connectionString: process.env.DATABASE_URL });
// ok: no-insecure-ssl
const p = new Client('postgres://db.internal/app?sslmode=verify-full');
// ok: no-insecure-ssl -- not a PostgreSQL pool
const q = mysql.createPool({ ssl: { rejectUnauthorized: false } });
// ok: no-insecure-ssl -- not a database connection at all
const agent = new https.Agent({ rejectUnauthorized: false });
// ok: no-insecure-ssl
const r = neon(process.env.DATABASE_URL);

module.exports = { a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, agent };
