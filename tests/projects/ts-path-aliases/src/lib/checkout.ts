// A helper returning a checked-out client: its callers own the release.
import { pool } from '@/db';

export async function checkout() {
  return pool.connect();
}
