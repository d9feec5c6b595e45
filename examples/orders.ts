import { Pool } from 'pg';
const pool = new Pool();
async function getUserOrders(userId) {
  const client = await pool.connect();
  const orders = await client.query('SELECT * FROM orders WHERE user_id = $1', [userId]);
  return orders.rows;   // Where's client.release()?
}
