// PG203 no-unsafe-search-path — search_path from non-constant input (TypeScript).
import { Pool, PoolClient, escapeIdentifier } from 'pg';
import { neon } from '@neondatabase/serverless';
import format from 'pg-format';

const pool: Pool = new Pool();
const http = neon(process.env.DATABASE_URL!);
const APP_SCHEMA: string = 'app';

export async function tenantQueries(tenant: string, schema: string): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    // ruleid: no-unsafe-search-path
    await client.query(`SET search_path TO ${tenant}, public`);
    // ruleid: no-unsafe-search-path
    await client.query('SET search_path = ' + schema);
    // ruleid: no-unsafe-search-path -- a parameter is still caller-controlled
    await client.query("SELECT set_config('search_path', $1, false)", [schema]);
    // ruleid: no-unsafe-search-path
    await client.query('SET LOCAL search_path TO ' + schema);
    // ruleid: no-unsafe-search-path
    await client.query({ text: 'SET search_path TO ' + tenant });
    // ruleid: no-unsafe-search-path
    await client.query(`SELECT set_config('search_path', '${schema}', true)`);
    let stmt: string = 'SET search_path TO ';
    stmt += tenant;
    // ruleid: no-unsafe-search-path
    await client.query(stmt);
  } finally {
    client.release();
  }
}

async function serverless(schema: string): Promise<void> {
  // ruleid: no-unsafe-search-path
  await http.query(`SET search_path TO ${schema}`);
}

async function constantPaths(tenant: string, n: string): Promise<void> {
  const client = await pool.connect();
  try {
    // ok: no-unsafe-search-path
    await client.query('SET search_path TO app, public');
    // ok: no-unsafe-search-path -- a constant hole
    await client.query(`SET search_path TO ${APP_SCHEMA}, public`);
    // ruleid: no-unsafe-search-path -- quoted by pg-format, still the caller's choice of schema
    await client.query(format('SET search_path TO %I, public', tenant));
    // ruleid: no-unsafe-search-path -- escaped identifier, still the caller's choice of schema
    await client.query('SET search_path TO ' + escapeIdentifier(tenant));
    // ok: no-unsafe-search-path
    await client.query("SELECT set_config('search_path', 'app, public', false)");
    // ok: no-unsafe-search-path
    await client.query('SHOW search_path');
    // ok: no-unsafe-search-path -- another setting
    await client.query('SET statement_timeout = ' + Number(n));
    // ok: no-unsafe-search-path -- inside a string literal
    await client.query("SELECT 'SET search_path TO x' AS doc");
  } finally {
    client.release();
  }
}

class TenantScope {
  constructor(private readonly client: PoolClient) {}

  async enter(tenant: string): Promise<void> {
    // ruleid: no-unsafe-search-path
    await this.client.query<never>(`SET search_path TO tenant_${tenant}`);
  }

  async leave(): Promise<void> {
    // ok: no-unsafe-search-path
    await this.client.query<never>('RESET search_path');
  }
}

export { serverless, constantPaths, TenantScope };
