// PG101 — a client kept in `this.client` by connect() and released by end() is the class's
// business; two shapes break the pair (issue 12): connect() throws after storing it, and end()
// lets an exception skip the release.
'use strict';

const { Pool } = require('pg');

const pool = new Pool();

class Transaction {
  async connect() {
    // ruleid: no-missing-client-release -- a caller whose connect() failed does not call end()
    this.client = await pool.connect();
    await this.client.query('BEGIN');
  }

  async query(sql) {
    return this.client.query(sql);
  }

  async end() {
    try {
      await this.client.query('SELECT 1');
    } finally {
      // ruleid: no-missing-client-release -- a failing COMMIT skips the release
      await this.client.query('COMMIT');
      this.client.release();
    }
  }
}

class SafeTransaction {
  async connect() {
    // ok: no-missing-client-release -- released before rethrowing
    this.client = await pool.connect();
    try {
      await this.client.query('BEGIN');
    } catch (err) {
      this.client.release();
      throw err;
    }
  }

  async query(sql) {
    return this.client.query(sql);
  }

  async end() {
    try {
      // ok: no-missing-client-release -- the nested finally releases it
      await this.client.query('COMMIT');
    } finally {
      this.client.release();
    }
  }
}

class Session {
  // the pair holds: connect() stores the client, end() releases it on every path
  async connect() {
    // ok: no-missing-client-release
    this.client = await pool.connect();
  }

  async query(sql) {
    return this.client.query(sql);
  }

  end() {
    // ok: no-missing-client-release
    this.client.release();
  }
}

function makeSession() {
  // ok: no-missing-client-release -- the returned `{ query, release }` pair owns the client
  return pool.connect().then((client) => ({
    query: (sql) => client.query(sql),
    release: () => client.release(),
  }));
}

async function openSession() {
  // ok: no-missing-client-release -- returned closures over one client: an open/close pair
  const client = await pool.connect();
  const query = (sql) => client.query(sql);
  const release = () => client.release();
  return { query, release };
}
