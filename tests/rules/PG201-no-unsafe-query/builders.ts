// PG201 no-unsafe-query — builders (TypeScript).
import type { Request } from 'express';
import { Pool } from 'pg';

const pool = new Pool();

const byTag = (tag: string): string => `SELECT id FROM logs WHERE tag = '${tag}'`;

export async function logs(req: Request) {
  // ruleid: no-unsafe-query
  return pool.query(byTag(String(req.query.tag)));
}

export async function fixedTag() {
  // ok: no-unsafe-query
  return pool.query(byTag('deploy'));
}
