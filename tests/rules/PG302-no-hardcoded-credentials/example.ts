// PG302 no-hardcoded-credentials — literal passwords in pool options and connection strings (TypeScript).
import pg from 'pg';
import { Pool, Client, ClientConfig } from 'pg';
import { createPool } from '@vercel/postgres';
import { neon } from '@neondatabase/serverless';
import mysql from 'mysql2';
import * as secrets from './secrets';

const DB_PASSWORD: string = 's3cret-Passw0rd';

// ruleid: no-hardcoded-credentials
const a: Pool = new Pool({ user: 'app', password: 'hunter2', host: 'db' });
// ruleid: no-hardcoded-credentials
const b = new Pool({ connectionString: 'postgres://app:hunter2@db/app' });
// ruleid: no-hardcoded-credentials
const c = new Client('postgresql://app:hunter2@db:5432/app?sslmode=verify-full');
// ruleid: no-hardcoded-credentials
const d = new pg.Pool({ password: DB_PASSWORD });
// ruleid: no-hardcoded-credentials -- a literal fallback ships with the code
const e = new Pool({ password: process.env.PGPASSWORD || 'devpass' });
// ok: no-hardcoded-credentials
const s = new Pool({ password: process.env.PGPASSWORD! });
// ruleid: no-hardcoded-credentials
const f = new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://app:devpass@localhost/app' });
// ruleid: no-hardcoded-credentials
const g = neon('postgres://app:hunter2@ep-cool-name.neon.tech/app');
// ruleid: no-hardcoded-credentials
const h = createPool({ connectionString: 'postgres://app:hunter2@db/app' });
// ruleid: no-hardcoded-credentials
const i = new Client({ user: 'app', password: `hunter2`, database: 'app' } as ClientConfig);

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
const r = neon(process.env.DATABASE_URL!);

export { a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s };
