// PG301 no-insecure-ssl — options objects assembled in steps before the pool is made.
const { Pool, Client } = require('pg');

function dotted() {
  const cfg = {};
  cfg.host = 'db.internal';
  // ruleid: no-insecure-ssl
  cfg.ssl = { rejectUnauthorized: false };
  return new Pool(cfg);
}

function bracketed() {
  let cfg = { host: 'db.internal' };
  // ruleid: no-insecure-ssl
  cfg['ssl'] = false;
  return new Client(cfg);
}

function assigned() {
  const cfg = {};
  // ruleid: no-insecure-ssl
  Object.assign(cfg, { ssl: { rejectUnauthorized: false } });
  return new Pool(cfg);
}

function verified() {
  const cfg = {};
  // ok: no-insecure-ssl
  cfg.ssl = { ca: process.env.PGCA };
  return new Pool(cfg);
}

function replaced() {
  let cfg = {};
  // ok: no-insecure-ssl
  cfg.ssl = { rejectUnauthorized: false };
  cfg = loadConfig();
  return new Pool(cfg);
}

function afterwards() {
  const cfg = { host: 'db.internal' };
  const pool = new Pool(cfg);
  // ok: no-insecure-ssl
  cfg.ssl = { rejectUnauthorized: false };
  return pool;
}

module.exports = { dotted, bracketed, assigned, verified, replaced, afterwards };
