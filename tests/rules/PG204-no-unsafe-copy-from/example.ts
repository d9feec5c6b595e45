// PG204 no-unsafe-copy-from — COPY … FROM a server file or program (TypeScript).
import { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const pool: Pool = new Pool();
const IMPORT_SQL: string = "COPY users FROM '/var/data/users.csv' WITH (FORMAT csv)";

export async function serverSide(path: string): Promise<void> {
  // ruleid: no-unsafe-copy-from
  await pool.query("COPY users FROM '/var/data/users.csv' WITH (FORMAT csv)");
  // ruleid: no-unsafe-copy-from
  await pool.query("COPY users FROM PROGRAM 'curl -s https://example.com/users.csv'");
  // ruleid: no-unsafe-copy-from
  await pool.query(`COPY users FROM '${path}'`);
  // ruleid: no-unsafe-copy-from
  await pool.query({ text: "COPY users (id, name) FROM '/tmp/users.csv'" });
  // ruleid: no-unsafe-copy-from
  await pool.query('COPY users FROM ' + "'/tmp/users.csv'");
  // ruleid: no-unsafe-copy-from
  await pool.query(IMPORT_SQL);
  // ruleid: no-unsafe-copy-from
  await pool.query("copy users from '/tmp/users.csv' csv header");
  // ruleid: no-unsafe-copy-from
  await pool.query("COPY users FROM '/tmp/a.csv'; SELECT count(*) FROM users");
}

async function onClient(): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    // ruleid: no-unsafe-copy-from
    await client.query("COPY events FROM PROGRAM 'gzip -dc /var/log/events.gz'");
    // ok: no-unsafe-copy-from -- pg-copy-streams: the data comes from the application
    const stream = client.query(copyFrom('COPY events FROM STDIN'));
    stream.end();
  } finally {
    client.release();
  }
}

async function fine(text: string): Promise<void> {
  // ok: no-unsafe-copy-from
  await pool.query('COPY users FROM STDIN WITH (FORMAT csv)');
  // ok: no-unsafe-copy-from
  await pool.query('COPY users TO STDOUT');
  // ok: no-unsafe-copy-from -- COPY TO is another matter
  await pool.query("COPY users TO '/tmp/users.csv'");
  // ok: no-unsafe-copy-from -- inside a string literal
  await pool.query("SELECT 'COPY users FROM ''/x''' AS doc");
  // ok: no-unsafe-copy-from -- inside a comment
  await pool.query("-- COPY users FROM '/x'\nSELECT 1");
  // ok: no-unsafe-copy-from
  await pool.query('COPY (SELECT id FROM users) TO STDOUT');
  // ok: no-unsafe-copy-from -- unknown text
  await pool.query(text);
  // ok: no-unsafe-copy-from -- a dollar-quoted body
  await pool.query("CREATE FUNCTION f() RETURNS void AS $$ COPY t FROM '/x' $$ LANGUAGE sql");
}

async function typed(client: PoolClient, file: string): Promise<void> {
  // ruleid: no-unsafe-copy-from
  await client.query<never>(`COPY users FROM '${file}' WITH (FORMAT csv)`);
  // ok: no-unsafe-copy-from
  await client.query<never>('COPY users FROM STDIN WITH (FORMAT csv)');
}

export { onClient, fine, typed };
