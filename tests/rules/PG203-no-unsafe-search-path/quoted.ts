// A quoted schema name is still a schema the caller chose (TypeScript).
import { Pool, PoolClient, escapeIdentifier } from 'pg';
import format from 'pg-format';

const pool = new Pool();
const SCHEMAS = new Set(['acme', 'globex']);

export async function enterEscaped(schema: string): Promise<void> {
  // ruleid: no-unsafe-search-path
  await pool.query(`SET search_path TO ${escapeIdentifier(schema)}`);
}

export async function enterFormatted(client: PoolClient, schema: string): Promise<void> {
  // ruleid: no-unsafe-search-path
  await client.query(format('SET search_path TO %I, public', schema));
}

export async function allowlisted(schema: string): Promise<void> {
  if (!SCHEMAS.has(schema)) {
    return;
  }
  // ok: no-unsafe-search-path
  await pool.query(format('SET search_path TO %I, public', schema));
}

export async function fromEnvironment(): Promise<void> {
  // ok: no-unsafe-search-path
  await pool.query(`SET search_path TO ${escapeIdentifier(process.env.APP_SCHEMA ?? 'public')}`);
}
