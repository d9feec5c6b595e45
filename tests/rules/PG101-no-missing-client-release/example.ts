// PG101 no-missing-client-release — the TypeScript scenario catalogue.
//
// The same list as example.js / example.py, written the way TypeScript code
// is: typed clients and pools, parameter properties, `client!.release()`,
// `as`/`satisfies`, generics, decorators, enums and interfaces around the code.
import { Pool, PoolClient, QueryResult } from 'pg';
import pg from 'pg';
import type { PoolConfig } from 'pg';
import { db } from '@vercel/postgres';
import { Pool as NeonPool } from '@neondatabase/serverless';
import * as genericPool from 'generic-pool';
import mysql from 'mysql2/promise';
import amqp from 'amqplib';
import mongoose from 'mongoose';

const config = { max: 10 } satisfies PoolConfig;
const pool = new Pool(config);
const defaultImportPool = new pg.Pool();
const neon = new NeonPool({ connectionString: process.env.DATABASE_URL });
const registry: PoolClient[] = [];

enum Mode {
  Read,
  Write,
}

interface Row {
  id: number;
}

function doWork(client: PoolClient): PoolClient {
  return client;
}

// 1
export async function releasedInFinally(): Promise<void> {
  // ok: no-missing-client-release
  const client: PoolClient = await pool.connect();
  try {
    await client.query<Row>('SELECT 1 AS id');
  } finally {
    client.release();
  }
}

// 2
async function neverReleased(): Promise<Row[]> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const res: QueryResult<Row> = await client.query<Row>('SELECT 1 AS id');
  return res.rows;
}

// 3
async function earlyReturnBeforeRelease(userId?: number): Promise<Row[] | null> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  if (userId === undefined) {
    return null;
  }
  try {
    return (await client.query<Row>('SELECT $1::int AS id', [userId])).rows;
  } finally {
    client.release();
  }
}

// 4
async function queryThrowsNoTry(): Promise<Row[]> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const res = await client.query<Row>('SELECT 1 AS id');
  client.release();
  return res.rows;
}

// 5
async function releaseOnlyInCatch(): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } catch (err: unknown) {
    client.release();
    throw err;
  }
}

// 6
async function releaseInTryAndCatch(): Promise<void> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
}

// 7
async function returnedToCaller(): Promise<PoolClient> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  return client;
}

function checkoutForCaller(): Promise<PoolClient> {
  // ok: no-missing-client-release
  return pool.connect();
}

// 8
class Holder {
  private client?: PoolClient;

  async storedOnThis(): Promise<void> {
    // ok: no-missing-client-release
    const client = await pool.connect();
    this.client = client;
  }

  async storedOnThisDirectly(): Promise<void> {
    // ok: no-missing-client-release
    this.client = await pool.connect();
  }
}

// 9
async function guardedReleaseInFinally(): Promise<void> {
  let client: PoolClient | undefined;
  try {
    // ok: no-missing-client-release
    client = await pool.connect();
    await client.query('SELECT 1');
  } finally {
    if (client) client.release();
  }
}

// 10
async function poolQueryShortcut(): Promise<Row[]> {
  // ok: no-missing-client-release
  const res = await pool.query<Row>('SELECT 1 AS id');
  return res.rows;
}

// 11
function thenWithoutCatchRelease(): Promise<Row[]> {
  // ruleid: no-missing-client-release
  return pool.connect().then((client: PoolClient) => {
    return client.query<Row>('SELECT 1 AS id').then((res) => {
      client.release();
      return res.rows;
    });
  });
}

function thenWithFinallyRelease(): Promise<Row[]> {
  // ok: no-missing-client-release
  return pool.connect().then((client) => {
    return client.query<Row>('SELECT 1 AS id').then((r) => r.rows).finally(() => client.release());
  });
}

// 12
type Callback = (err: Error | null, rows?: Row[]) => void;

function callbackStyleDone(cb: Callback): void {
  // ok: no-missing-client-release
  pool.connect((err: Error | undefined, client: PoolClient | undefined, done: (release?: any) => void) => {
    if (err) return cb(err);
    client!.query('SELECT 1 AS id', (qerr: Error, res: QueryResult<Row>) => {
      done();
      cb(qerr, res.rows);
    });
  });
}

function callbackStyleMissingDone(cb: Callback): void {
  // ruleid: no-missing-client-release
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client!.query('SELECT 1 AS id', (qerr: Error, res: QueryResult<Row>) => {
      cb(qerr, res.rows);
    });
  });
}

function callbackErrPathNoRelease(cb: Callback): void {
  // ok: no-missing-client-release
  pool.connect((err, client, release) => {
    if (err) {
      return cb(err);
    }
    client!.query('SELECT 1 AS id', (qerr: Error, res: QueryResult<Row>) => {
      release(qerr);
      cb(qerr, res.rows);
    });
  });
}

// 13
async function loopReleaseEachIteration(items: string[]): Promise<void> {
  for (const item of items) {
    // ok: no-missing-client-release
    const client = await pool.connect();
    try {
      await client.query('SELECT $1::text', [item]);
    } finally {
      client.release();
    }
  }
}

// 14
async function acquireInLoopWithoutRelease(items: string[]): Promise<void> {
  for (const item of items) {
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    await client.query('SELECT $1::text', [item]);
  }
}

// 15
async function throwBeforeRelease(value: number): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  if (value < 0) {
    throw new RangeError('negative');
  }
  client.release();
}

// 16
async function releaseOnlyInIfBranch(flag: boolean): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  if (flag) {
    client.release();
  }
}

// 17
async function releaseInBothBranches(flag: boolean): Promise<void> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  if (flag) {
    client.release();
  } else {
    client.release(true);
  }
}

// 18
async function passedToUnknownFunction(): Promise<void> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  doWork(client);
}

// 19
async function pushedIntoArray(): Promise<void> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  registry.push(client);
}

async function putInObjectLiteral(): Promise<{ client: PoolClient; pool: Pool }> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  return { client, pool };
}

// 20
async function resultDiscarded(): Promise<void> {
  // ruleid: no-missing-client-release
  await pool.connect();
}

// 21
async function optionalChainingRelease(): Promise<void> {
  let client: PoolClient | null = null;
  try {
    // ok: no-missing-client-release
    client = await pool.connect();
    await client.query('SELECT 1');
  } finally {
    client?.release();
  }
}

async function nonNullAssertionRelease(): Promise<void> {
  let client: PoolClient | undefined = undefined;
  try {
    // ok: no-missing-client-release
    client = (await pool.connect()) as PoolClient;
    await client!.query('SELECT 1');
  } finally {
    if (client !== undefined) client!.release();
  }
}

// 22
async function breakBeforeRelease(items: Array<string | null>): Promise<void> {
  for (const item of items) {
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    if (item === null) {
      break;
    }
    client.release();
  }
}

// 23
async function continueSkippingRelease(items: string[]): Promise<void> {
  for (const item of items) {
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    if (!item) {
      continue;
    }
    client.release();
  }
}

// 24
async function switchCaseReturnBeforeRelease(mode: Mode): Promise<string> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  switch (mode) {
    case Mode.Read:
      return 'read';
    case Mode.Write:
    default:
      break;
  }
  client.release();
  return 'done';
}

// 25
async function nestedTryInnerFinallyReleases(): Promise<string | null> {
  try {
    // ok: no-missing-client-release
    const client = await pool.connect();
    try {
      await client.query('SELECT 1');
    } finally {
      client.release();
    }
  } catch {
    return null;
  }
  return 'ok';
}

// 26
async function localClosureReleases(): Promise<void> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  const giveBack = (): void => client.release();
  try {
    await client.query('SELECT 1');
  } finally {
    giveBack();
  }
}

// 27
function promiseChainFinallyRelease(): Promise<Row[]> {
  // ok: no-missing-client-release
  return pool.connect().then((client) =>
    client
      .query<Row>('SELECT 1 AS id')
      .then((res) => res.rows)
      .finally(() => client.release()),
  );
}

// 28 (directClientEnded: see the PG103 catalogue)

// 29
async function nonPostgresPoolNotReported(): Promise<unknown[]> {
  const gp = genericPool.createPool({ create: async () => ({}), destroy: async () => {} });
  // ok: no-missing-client-release
  const resource = await gp.acquire();
  const mpool = mysql.createPool({});
  // ok: no-missing-client-release
  const conn = await mpool.getConnection();
  // ok: no-missing-client-release
  const channel = await amqp.connect('amqp://localhost');
  // ok: no-missing-client-release
  const m = await mongoose.connect('mongodb://localhost/app');
  return [resource, conn, channel, m];
}

// 30
function Injectable(): ClassDecorator {
  return () => undefined;
}

@Injectable()
export class Repository {
  constructor(private readonly pool: Pool) {}

  async classMethodUsingThisPoolLeaks(id: number): Promise<Row[]> {
    // ruleid: no-missing-client-release
    const client = await this.pool.connect();
    const res = await client.query<Row>('SELECT $1::int AS id', [id]);
    return res.rows;
  }

  async classMethodUsingThisPoolReleases(id: number): Promise<Row[]> {
    // ok: no-missing-client-release
    const client = await this.pool.connect();
    try {
      const res = await client.query<Row>('SELECT $1::int AS id', [id]);
      return res.rows;
    } finally {
      client.release();
    }
  }
}

class FieldRepository {
  private readonly pool: Pool = new Pool();

  handler = async (): Promise<void> => {
    // ruleid: no-missing-client-release
    const client = await this.pool.connect();
    await client.query('SELECT 1');
  };
}

async function typedPoolParamLeaks(p: Pool): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await p.connect();
  await client.query('SELECT 1');
}

async function qualifiedTypeParamReleases(p: pg.Pool): Promise<void> {
  // ok: no-missing-client-release
  const client = await p.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}

// 30b generators: the consumer may stop iterating at any yield
async function* generatorYieldRowsWithFinally(): AsyncGenerator<Row> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    const res = await client.query<Row>('SELECT 1 AS id');
    for (const row of res.rows) {
      yield row;
    }
  } finally {
    client.release();
  }
}

async function* generatorYieldRowsWithoutFinally(): AsyncGenerator<Row> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const res = await client.query<Row>('SELECT 1 AS id');
  for (const row of res.rows) {
    yield row;
  }
  client.release();
}

// 31
async function catchSwallowsThenReleases(): Promise<boolean> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('SELECT 1');
  } catch {
    failed = true;
  }
  client.release();
  return failed;
}

// 32
async function reassignedWhileHeld(): Promise<void> {
  // ruleid: no-missing-client-release
  let client: PoolClient = await pool.connect();
  await client.query('SELECT 1');
  // ok: no-missing-client-release
  client = await pool.connect();
  client.release();
}

// every package once
async function vercelDbConnectLeaks(): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await db.connect();
  await client.query('SELECT 1');
}

async function neonPoolReleases(): Promise<void> {
  // ok: no-missing-client-release
  const client = await neon.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}

async function defaultImportPoolLeaks(): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await defaultImportPool.connect();
  await client.query('SELECT 1');
}

// more idioms
async function genericHelper<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

async function returnInsideFinallySwallowsException(): Promise<string> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
  } finally {
    return 'done';
  }
}
