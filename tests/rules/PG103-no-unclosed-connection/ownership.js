// PG103 — a direct connection passed to a wrapper and closed by the same function afterwards stays
// the function's to close (issue 12).
'use strict';

const { Client } = require('pg');
const { Session } = require('./session');

async function sessionThenEnd() {
  const client = new Client();
  // ruleid: no-unclosed-connection -- SET can fail before the `try`
  await client.connect();
  const session = new Session(client);
  await session.run('SET search_path TO app');
  try {
    return await session.run('SELECT 1');
  } finally {
    await session.client.end();
  }
}

async function handedToSession() {
  const client = new Client();
  // ok: no-unclosed-connection -- the session owns it from here
  await client.connect();
  return new Session(client);
}
