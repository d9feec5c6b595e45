// open()/close() pairs: a method stores the checkout on `this`, another gives it back.
const { Pool } = require('pg');

const pool = new Pool();

class Session {
  async open() {
    // ok: no-missing-client-release -- close() gives it back
    this.client = await pool.connect();
  }

  async run(sql) {
    return this.client.query(sql);
  }

  close() {
    this.client.release();
  }
}

class LeakySession {
  async open() {
    // ruleid: no-missing-client-release -- no method of LeakySession gives it back
    this.client = await pool.connect();
  }

  async run(sql) {
    return this.client.query(sql);
  }
}

class Repository {
  async connection() {
    // ok: no-missing-client-release
    return pool.connect();
  }

  async count() {
    // ruleid: no-missing-client-release -- this.connection() returns a checkout
    const client = await this.connection();
    const res = await client.query('SELECT count(*) FROM orders');
    return res.rows[0].count;
  }

  async countSafely() {
    // ok: no-missing-client-release
    const client = await this.connection();
    try {
      const res = await client.query('SELECT count(*) FROM orders');
      return res.rows[0].count;
    } finally {
      client.release();
    }
  }
}

module.exports = { Session, LeakySession, Repository };

class BaseStore {
  async checkout() {
    // ok: no-missing-client-release
    return pool.connect();
  }
}

class OrderStore extends BaseStore {
  async count() {
    // ruleid: no-missing-client-release -- the inherited checkout() returns a checkout
    const client = await this.checkout();
    const res = await client.query('SELECT count(*) FROM orders');
    return res.rows[0].count;
  }
}

module.exports.OrderStore = OrderStore;
