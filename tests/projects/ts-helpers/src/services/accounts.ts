import {
  commitAndRelease, countRows, getClient, getClientArrow, getClientPatiently, releaseClient,
  withTransaction, withTransactionForgetful,
} from '../db';

export async function balance(id: number): Promise<number> {
  // ruleid: no-missing-client-release -- getClient() returns a checkout nobody releases
  const client = await getClient();
  const res = await client.query('SELECT balance FROM accounts WHERE id = $1', [id]);
  return res.rows[0].balance;
}

export async function balanceSafely(id: number): Promise<number> {
  // ok: no-missing-client-release
  const client = await getClient();
  try {
    const res = await client.query('SELECT balance FROM accounts WHERE id = $1', [id]);
    return res.rows[0].balance;
  } finally {
    releaseClient(client);
  }
}

export async function viaArrow(): Promise<void> {
  // ruleid: no-missing-client-release
  const client = await getClientArrow();
  await client.query('SELECT 1');
}

export async function commitThenRelease(): Promise<void> {
  // ok: no-missing-client-release -- commitAndRelease() takes the client over (and is reported itself)
  const client = await getClient();
  await commitAndRelease(client);
}

export async function transfer(from: number, to: number, amount: number): Promise<void> {
  // ok: no-missing-client-release -- withTransaction() releases it in finally
  const client = await getClient();
  await withTransaction(client, async (c) => {
    await c.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await c.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
  });
}

export async function transferForgetful(from: number, amount: number): Promise<void> {
  // ok: no-missing-client-release -- the helper owns the release (and is reported)
  const client = await getClient();
  await withTransactionForgetful(client, async (c) => {
    await c.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
  });
}

export async function countThenForget(): Promise<number> {
  // ruleid: no-missing-client-release -- countRows() only borrows the client
  const client = await getClient();
  return countRows(client, 'accounts');
}

export async function countThenRelease(): Promise<number> {
  // ok: no-missing-client-release
  const client = await getClient();
  try {
    return await countRows(client, 'accounts');
  } finally {
    client.release();
  }
}

export async function patient(): Promise<void> {
  // ruleid: no-missing-client-release -- a recursive helper still returns a checkout
  const client = await getClientPatiently(3);
  await client.query('SELECT 1');
}
