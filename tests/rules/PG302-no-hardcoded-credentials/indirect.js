// PG302 no-hardcoded-credentials — computed keys, and @vercel/postgres's re-exported Pool.
const { Pool } = require('pg');
const vercel = require('@vercel/postgres');

const PASSWORD_KEY = 'password';

// ruleid: no-hardcoded-credentials
const bracketed = new Pool({ user: 'app', ['password']: 'pa55-in-brackets' });

// ruleid: no-hardcoded-credentials
const viaConstant = new Pool({ user: 'app', [PASSWORD_KEY]: 'pa55-via-const' });

// ruleid: no-hardcoded-credentials
const reexported = new vercel.Pool({ connectionString: 'postgres://app:pa55@db.example.net/app' });

// ok: no-hardcoded-credentials
const fromEnv = new Pool({ ['password']: process.env.PGPASSWORD });

const host = process.env.DB_HOST;

// ruleid: no-hardcoded-credentials
const templated = new Pool({ connectionString: `postgres://app:pa55-templ@${host}/app` });

// ok: no-hardcoded-credentials
const templatedSecret = new Pool({ connectionString: `postgres://app:${process.env.PGPASSWORD}@${host}/app` });

module.exports = { bracketed, viaConstant, reexported, fromEnv, templated, templatedSecret };
