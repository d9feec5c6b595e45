// PG103 — a client kept in a variable of an enclosing scope and closed by another function
// (corpus, issue 11: test suites open it in beforeAll and end it in afterAll).
import { Client } from 'pg';

declare function beforeAll(fn: () => Promise<void>): void;
declare function afterAll(fn: () => Promise<void>): void;
declare function describe(name: string, fn: () => void): void;

let client: Client;

beforeAll(async () => {
  client = new Client(process.env.DATABASE_URL);
  // ok: no-unclosed-connection -- ended in afterAll
  await client.connect();
  await client.query('SELECT 1');
});

afterAll(async () => {
  await client.end();
});

describe('suite', () => {
  let inner: Client;
  beforeAll(async () => {
    inner = new Client();
    // ok: no-unclosed-connection -- ended in the describe block's afterAll
    await inner.connect();
    await inner.query('SELECT 1');
  });
  afterAll(async () => {
    await inner?.end();
  });
});

let forgotten: Client;

export async function openForgotten(): Promise<void> {
  forgotten = new Client();
  // ruleid: no-unclosed-connection -- nothing ever ends `forgotten`
  await forgotten.connect();
  await forgotten.query('SELECT 1');
}
