// PG103 no-unclosed-connection — JavaScript cases.
//
// A `new Client()` holds nothing until `await client.connect()`; from then on
// it must be `end()`ed on every path. The finding is on the connect() call.
const pg = require('pg');
const { Client } = require('pg');
const { createClient } = require('@vercel/postgres');

// 28
async function directClientEnded() {
  const client = new Client();
  // ok: no-unclosed-connection
  await client.connect();
  try {
    const res = await client.query('SELECT 1');
    return res.rows;
  } finally {
    await client.end();
  }
}

async function connectWithoutEnd() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  // ruleid: no-unclosed-connection
  await client.connect();
  const res = await client.query('SELECT 1');
  return res.rows;
}

async function endOnlyOnSuccess() {
  const client = new pg.Client();
  // ruleid: no-unclosed-connection
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
}

async function endInCatchOnly() {
  const client = new Client();
  // ruleid: no-unclosed-connection
  await client.connect();
  try {
    await client.query('SELECT 1');
  } catch (err) {
    await client.end();
    throw err;
  }
}

async function neverConnectedIsFine() {
  // ok: no-unclosed-connection
  const client = new Client();
  return client.database;
}

async function returnedConnection() {
  const client = new Client();
  // ok: no-unclosed-connection
  await client.connect();
  return client;
}

function callbackConnectEndsInQueryCallback() {
  const client = new Client();
  // ok: no-unclosed-connection
  client.connect((err) => {
    if (err) {
      console.error(err);
      return;
    }
    client.query('SELECT 1', (qerr, res) => {
      client.end();
    });
  });
}

function callbackConnectNeverEnds() {
  const client = new Client();
  // ruleid: no-unclosed-connection
  client.connect((err) => {
    if (err) return;
    client.query('SELECT 1', (qerr, res) => {
      console.log(res);
    });
  });
}

async function vercelCreateClientLeaks() {
  const client = createClient();
  // ruleid: no-unclosed-connection
  await client.connect();
  await client.query('SELECT 1');
}

class Session {
  async open() {
    this.client = new Client();
    // ok: no-unclosed-connection
    await this.client.connect();
  }

  async close() {
    await this.client.end();
  }
}

async function promiseConnectThenEnd() {
  const client = new Client();
  // ok: no-unclosed-connection
  return client
    .connect()
    .then(() => client.query('SELECT 1'))
    .finally(() => client.end());
}
