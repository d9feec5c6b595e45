// PG103 — a connect the test expects to fail opens nothing (corpus, issue 11).
'use strict';

const assert = require('node:assert');
const { Client } = require('pg');

test('a bad password is refused', async () => {
  const client = new Client({ password: 'bogus' });
  // ok: no-unclosed-connection -- `expect(…).rejects`: the connect is meant to fail
  await expect(client.connect()).rejects.toThrow();
});

test('node:assert', async () => {
  const client = new Client({ password: 'bogus' });
  // ok: no-unclosed-connection
  await assert.rejects(client.connect());
});

test('a good password connects', async () => {
  const client = new Client();
  // ruleid: no-unclosed-connection -- a real connection, never ended
  await client.connect();
  await client.query('SELECT 1');
});
