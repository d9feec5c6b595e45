import { Pool, PoolClient } from 'pg';

export const pool = new Pool();

export async function getClient(): Promise<PoolClient> {
  // ok: no-missing-client-release -- returned to the caller, who must release it
  const client = await pool.connect();
  return client;
}

export const getClientArrow = async (): Promise<PoolClient> => {
  // ok: no-missing-client-release
  return pool.connect();
};

export async function getClientPatiently(attempts: number): Promise<PoolClient> {
  try {
    // ok: no-missing-client-release
    return await pool.connect();
  } catch (err) {
    if (attempts <= 0) throw err;
    return getClientPatiently(attempts - 1);
  }
}
