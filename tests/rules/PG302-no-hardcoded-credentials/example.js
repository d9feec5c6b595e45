// PG302 no-hardcoded-credentials — literal passwords in pool options and connection strings (JavaScript).
const pg = require('pg');
const { Pool, Client } = require('pg');
const { createPool } = require('@vercel/postgres');
const { neon } = require('@neondatabase/serverless');
const mysql = require('mysql2');
const secrets = require('./secrets');

const DB_PASSWORD = 's3cret-Passw0rd';

// ruleid: no-hardcoded-credentials
const a = new Pool({ user: 'app', password: 'hunter2', host: 'db' });
// ruleid: no-hardcoded-credentials
const b = new Pool({ connectionString: 'postgres://app:hunter2@db/app' });
// ruleid: no-hardcoded-credentials
const c = new Client('postgresql://app:hunter2@db:5432/app?sslmode=verify-full');
// ruleid: no-hardcoded-credentials
const d = new pg.Pool({ password: DB_PASSWORD });
// ruleid: no-hardcoded-credentials -- a literal fallback ships with the code
const e = new Pool({ password: process.env.PGPASSWORD || 'devpass' });
// ok: no-hardcoded-credentials -- the fallback URL's server is this machine (a local test database)
const f = new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://app:devpass@localhost/app' });
// ruleid: no-hardcoded-credentials -- the fallback URL names a real server
const f2 = new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://app:devpass@db.internal/app' });
// ruleid: no-hardcoded-credentials
const g = neon('postgres://app:hunter2@ep-cool-name.neon.tech/app');
// ruleid: no-hardcoded-credentials
const h = createPool({ connectionString: 'postgres://app:hunter2@db/app' });
// ruleid: no-hardcoded-credentials
const i = new Client({ user: 'app', password: `hunter2`, database: 'app' });

// ok: no-hardcoded-credentials
const j = new Pool({ user: 'app', password: process.env.PGPASSWORD, host: 'db' });
// ok: no-hardcoded-credentials
const k = new Pool({ connectionString: process.env.DATABASE_URL });
// ok: no-hardcoded-credentials -- no password in the URL
const l = new Client('postgres://app@db/app');
// ok: no-hardcoded-credentials -- a placeholder
const m = new Pool({ password: '${PGPASSWORD}' });
// ok: no-hardcoded-credentials -- from a secrets manager
const n = new Pool({ password: secrets.get('db') });
// ok: no-hardcoded-credentials -- empty (peer / trust auth)
const o = new Pool({ user: 'app', password: '' });
// ok: no-hardcoded-credentials -- not a PostgreSQL driver
const p = mysql.createPool({ password: 'hunter2' });
// ok: no-hardcoded-credentials -- a placeholder in the URL
const q = new Client('postgres://app:${PGPASSWORD}@db/app');
// ok: no-hardcoded-credentials
const r = neon(process.env.DATABASE_URL);

// Local servers: a password for a database on this machine (loopback or a Unix socket) guards
// nothing another machine can reach — the well-known `postgres`/`password` of a docker test database.
// ok: no-hardcoded-credentials
const local1 = new Client({ host: 'localhost', port: 54321, user: 'postgres', password: 'password' });
// ok: no-hardcoded-credentials
const local2 = new Client('postgres://postgres:postgres@localhost:5432/postgres');
// ok: no-hardcoded-credentials
const local3 = new Pool({ connectionString: process.env.DATABASE_URL || 'postgresql://postgres:password@127.0.0.1:54321/x' });
// ok: no-hardcoded-credentials -- the host's default, when PGHOST is unset, is loopback too
const local4 = new Pool({ host: process.env.PGHOST || '127.0.0.1', password: process.env.PGPASSWORD || 'postgres' });
// ok: no-hardcoded-credentials
const local5 = new Pool({ host: '/var/run/postgresql', password: 'postgres' });
// ok: no-hardcoded-credentials
const local6 = new Client('postgresql://postgres:postgres@[::1]:5432/postgres');
// ruleid: no-hardcoded-credentials -- one of the hosts is another machine
const remote1 = new Client('postgres://app:hunter2@localhost:5432,db.internal:5432/app');
// ruleid: no-hardcoded-credentials -- the host is not known here: it may be any server
const remote2 = new Pool({ host: process.env.PGHOST, password: 'hunter2' });
// ruleid: no-hardcoded-credentials -- an unset PGHOST falls back to a real server
const remote3 = new Pool({ host: process.env.PGHOST || 'db.internal', password: 'hunter2' });
// ruleid: no-hardcoded-credentials -- the URL gives no host: PGHOST decides
const remote4 = new Client('postgres://app:hunter2@/app');

// One options object spread into a Client and a Pool: one password, one finding.
// ruleid: no-hardcoded-credentials
const shared = { host: 'db.internal', password: process.env.PGPASSWORD || 'secret' };
const sharedAdmin = new Client({ ...shared, database: 'postgres' });
const sharedPool = new Pool({ ...shared, database: 'app' });

module.exports = { a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, f2, local1, local2, local3, local4, local5, local6, remote1, remote2, remote3, remote4, sharedAdmin, sharedPool };

// ok: no-hardcoded-credentials -- metasyntactic placeholders
const scratch = new Client('postgres://usr:bar@foo/db');
module.exports.scratch = scratch;
