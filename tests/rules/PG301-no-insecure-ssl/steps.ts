// PG301 no-insecure-ssl — options objects assembled in steps before the pool is made.
import { Pool, Client } from 'pg';

declare function loadConfig(): Record<string, unknown>;

function dotted(): unknown {
  const cfg: Record<string, unknown> = {};
  cfg.host = 'db.internal';
  // ruleid: no-insecure-ssl
  cfg.ssl = { rejectUnauthorized: false };
  return new Pool(cfg);
}

function bracketed(): unknown {
  let cfg: Record<string, unknown> = { host: 'db.internal' };
  // ruleid: no-insecure-ssl
  cfg['ssl'] = false;
  return new Client(cfg);
}

function assigned(): unknown {
  const cfg: Record<string, unknown> = {};
  // ruleid: no-insecure-ssl
  Object.assign(cfg, { ssl: { rejectUnauthorized: false } });
  return new Pool(cfg);
}

function verified(): unknown {
  const cfg: Record<string, unknown> = {};
  // ok: no-insecure-ssl
  cfg.ssl = { ca: process.env.PGCA };
  return new Pool(cfg);
}

function replaced(): unknown {
  let cfg: Record<string, unknown> = {};
  // ok: no-insecure-ssl
  cfg.ssl = { rejectUnauthorized: false };
  cfg = loadConfig();
  return new Pool(cfg);
}

function afterwards(): unknown {
  const cfg: Record<string, unknown> = { host: 'db.internal' };
  const pool = new Pool(cfg);
  // ok: no-insecure-ssl
  cfg.ssl = { rejectUnauthorized: false };
  return pool;
}

export { dotted, bracketed, assigned, verified, replaced, afterwards };
