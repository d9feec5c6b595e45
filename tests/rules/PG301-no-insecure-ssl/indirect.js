// PG301 no-insecure-ssl — options written with computed keys, and falsy numbers.
const { Pool, Client } = require('pg');

const SSL_KEY = 'ssl';

// ruleid: no-insecure-ssl
const bracketed = new Client({ ['ssl']: { ['rejectUnauthorized']: false } });

// ruleid: no-insecure-ssl
const viaConstant = new Pool({ [SSL_KEY]: { rejectUnauthorized: false } });

// ruleid: no-insecure-ssl
const zero = new Pool({ ssl: { rejectUnauthorized: 0 } });

// ok: no-insecure-ssl
const one = new Pool({ ssl: { rejectUnauthorized: 1 } });

// ok: no-insecure-ssl
const verified = new Client({ ['ssl']: { ['rejectUnauthorized']: true } });

const production = process.env.NODE_ENV === 'production';

// ruleid: no-insecure-ssl
const oneBranch = new Pool({ ssl: production ? { rejectUnauthorized: false } : undefined });

// ok: no-insecure-ssl
const bothVerify = new Pool({ ssl: production ? { ca: process.env.PGCA } : undefined });

module.exports = { bracketed, viaConstant, zero, one, verified, oneBranch, bothVerify };
