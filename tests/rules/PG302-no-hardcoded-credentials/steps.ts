// PG302 no-hardcoded-credentials — options objects assembled in steps before the pool is made.
import { Pool, Client } from 'pg';

declare function loadConfig(): Record<string, unknown>;

function dotted(): unknown {
  const cfg: Record<string, unknown> = {};
  cfg.user = 'app';
  // ruleid: no-hardcoded-credentials
  cfg.password = 's3cret';
  return new Pool(cfg);
}

function bracketed(): unknown {
  let cfg: Record<string, unknown> = { host: 'db.internal' };
  // ruleid: no-hardcoded-credentials
  cfg['password'] = 's3cret';
  return new Client(cfg);
}

function assigned(): unknown {
  const cfg: Record<string, unknown> = { host: 'db.internal' };
  // ruleid: no-hardcoded-credentials
  Object.assign(cfg, { user: 'app', password: 's3cret' });
  return new Pool(cfg);
}

function fromEnvironment(): unknown {
  const cfg: Record<string, unknown> = {};
  // ok: no-hardcoded-credentials
  cfg.password = process.env.PGPASSWORD;
  return new Pool(cfg);
}

function replaced(): unknown {
  let cfg: Record<string, unknown> = {};
  // ok: no-hardcoded-credentials
  cfg.password = 's3cret';
  cfg = loadConfig();
  return new Pool(cfg);
}

function afterwards(): unknown {
  const cfg: Record<string, unknown> = { host: 'db.internal' };
  const pool = new Pool(cfg);
  // ok: no-hardcoded-credentials
  cfg.password = 's3cret';
  return pool;
}

export { dotted, bracketed, assigned, fromEnvironment, replaced, afterwards };
