// PG302 no-hardcoded-credentials — options objects assembled in steps before the pool is made.
const { Pool, Client } = require('pg');

function dotted() {
  const cfg = {};
  cfg.user = 'app';
  // ruleid: no-hardcoded-credentials
  cfg.password = 's3cret';
  return new Pool(cfg);
}

function bracketed() {
  let cfg = { host: 'db.internal' };
  // ruleid: no-hardcoded-credentials
  cfg['password'] = 's3cret';
  return new Client(cfg);
}

function assigned() {
  const cfg = { host: 'db.internal' };
  // ruleid: no-hardcoded-credentials
  Object.assign(cfg, { user: 'app', password: 's3cret' });
  return new Pool(cfg);
}

function fromEnvironment() {
  const cfg = {};
  // ok: no-hardcoded-credentials
  cfg.password = process.env.PGPASSWORD;
  return new Pool(cfg);
}

function replaced() {
  let cfg = {};
  // ok: no-hardcoded-credentials
  cfg.password = 's3cret';
  cfg = loadConfig();
  return new Pool(cfg);
}

function afterwards() {
  const cfg = { host: 'db.internal' };
  const pool = new Pool(cfg);
  // ok: no-hardcoded-credentials
  cfg.password = 's3cret';
  return pool;
}

module.exports = { dotted, bracketed, assigned, fromEnvironment, replaced, afterwards };
