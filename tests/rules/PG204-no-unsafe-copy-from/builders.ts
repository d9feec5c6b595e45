// PG204 no-unsafe-copy-from — builders (TypeScript).
import { Pool } from 'pg';

const pool = new Pool();

const copyFromFile = (file: string): string => `COPY imports FROM '${file}' CSV`;

export async function load(file: string): Promise<void> {
  // ruleid: no-unsafe-copy-from
  await pool.query(copyFromFile(file));
}
