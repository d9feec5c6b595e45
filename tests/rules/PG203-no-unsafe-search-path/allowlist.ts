// PG203 no-unsafe-search-path — allowlist guards (TypeScript).
import type { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const ALLOWED: readonly string[] = ['reports', 'billing'];

export async function scoped(req: Request, res: Response): Promise<void> {
  const schema = String(req.query.schema);
  if (!ALLOWED.includes(schema)) {
    res.sendStatus(400);
    return;
  }
  // ok: no-unsafe-search-path
  await pool.query(`SET search_path TO ${schema}`);
}

export async function unguarded(req: Request): Promise<void> {
  const schema = String(req.query.schema);
  // ruleid: no-unsafe-search-path
  await pool.query(`SET search_path TO ${schema}`);
}
