// Leaks through every ESM import form of the project's pool.
import pool from '../db/pool';
import { pool as namedPool } from '../db/pool.js';
import { pool as barrelPool, defaultPool } from '../db';
import * as db from '../db/pool';
import { insertOrder } from '../db/client';

export async function getUserOrders(userId: number): Promise<unknown[]> {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  const orders = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
  return orders.rows;
}

export async function createOrder(id: number): Promise<void> {
  // ruleid: no-missing-client-release -- insertOrder() only borrows the client (function summaries)
  const client = await namedPool.connect();
  await insertOrder(client, id);
}

export async function createOrderSafely(id: number): Promise<void> {
  // ok: no-missing-client-release
  const client = await namedPool.connect();
  try {
    await client.query('INSERT INTO orders (id) VALUES ($1)', [id]);
  } finally {
    client.release();
  }
}

export async function viaBarrel(): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await barrelPool.connect();
  await client.query('SELECT 1');
}

export async function viaBarrelDefault(): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await defaultPool.connect();
  await client.query('SELECT 1');
}

export async function viaNamespace(): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await db.pool.connect();
  await client.query('SELECT 1');
}
