// PG101 — passing a client to a function or constructor pglint cannot see is no hand-over when the
// same function gives it back afterwards (issue 12): the release stays its duty.


import { Pool, PoolClient } from 'pg';
import { Session, wrap } from './session';

const pool = new Pool();
const labels = new Map<PoolClient, string>();
const live = new Set<PoolClient>();

async function sessionThenRelease() {
  // ruleid: no-missing-client-release -- BEGIN can fail before the `try`
  const client = await pool.connect();
  const session = new Session(client);
  await session.run('BEGIN');
  try {
    await session.run('SELECT 1');
  } finally {
    client.release();
  }
}

async function releaseThroughTheWrapper() {
  // ruleid: no-missing-client-release -- `session.client` is the client
  const client = await pool.connect();
  const session = new Session(client);
  await session.run('BEGIN');
  try {
    await session.run('SELECT 1');
  } finally {
    session.client.release();
  }
}

async function wrappedInTry() {
  // ok: no-missing-client-release -- the wrapper is built and used inside the try
  const client = await pool.connect();
  let session;
  try {
    session = new Session(client);
    await session.run('SELECT 1');
  } finally {
    session.client.release();
  }
}

async function keyedThenRelease(sql: string) {
  // ruleid: no-missing-client-release -- a Map/Set key only borrows it
  const client = await pool.connect();
  labels.set(client, sql);
  live.add(client);
  await client.query(sql);
  live.delete(client);
  client.release();
}

async function loggedThenRelease() {
  // ruleid: no-missing-client-release -- logging does not take the client over
  const client = await pool.connect();
  console.log('checked out', client);
  await client.query('SELECT 1');
  client.release();
}

async function helperThenRelease() {
  // ruleid: no-missing-client-release -- `wrap()` only uses it: the release below is skipped when it throws
  const client = await pool.connect();
  await wrap(client);
  client.release();
}

async function keyedInTry(sql: string) {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    labels.set(client, sql);
    await client.query(sql);
  } finally {
    labels.delete(client);
    client.release();
  }
}

async function handedToSession() {
  // ok: no-missing-client-release -- returned inside the session: the caller's to release
  const client = await pool.connect();
  return new Session(client);
}

async function keptInASet() {
  // ok: no-missing-client-release -- the set keeps it; whoever empties it releases
  const client = await pool.connect();
  live.add(client);
}

async function releasedOnlyWhenOwned(owned: boolean) {
  // ok: no-missing-client-release -- released here only on one path: the other hands it over
  const client = await pool.connect();
  const session = new Session(client);
  if (owned) {
    client.release();
  }
  return session.id;
}

async function handedOverOnSuccess(registry: { register(c: PoolClient): Promise<void> }) {
  // ok: no-missing-client-release -- kept by the registry when it succeeds, released when it fails
  const client = await pool.connect();
  try {
    await registry.register(client);
  } catch (err) {
    client.release();
    throw err;
  }
}
