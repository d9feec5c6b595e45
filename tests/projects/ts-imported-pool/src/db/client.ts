// A typed helper module: its functions receive clients, they do not check them out.
import type { PoolClient } from 'pg';

export async function insertOrder(client: PoolClient, id: number): Promise<void> {
  await client.query('INSERT INTO orders (id) VALUES ($1)', [id]);
}
