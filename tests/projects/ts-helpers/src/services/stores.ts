import { Store } from '../db/session';

export class AccountStore extends Store {
  async total(): Promise<number> {
    // ruleid: no-missing-client-release -- checkout() of the imported base class returns a checkout
    const client = await this.checkout();
    const res = await client.query('SELECT sum(balance) AS n FROM accounts');
    return res.rows[0].n;
  }

  async totalSafely(): Promise<number> {
    // ok: no-missing-client-release
    const client = await this.checkout();
    try {
      const res = await client.query('SELECT sum(balance) AS n FROM accounts');
      return res.rows[0].n;
    } finally {
      client.release();
    }
  }
}
