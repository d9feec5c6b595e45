// PG201 no-unsafe-query — TypeScript handed its client (no driver imported): an untyped receiver
// is a client of an unknown driver; a typed one is what its type says.
import { Database } from './database';

export async function untyped(client, id: string) {
  // ruleid: no-unsafe-query
  return client.query(`SELECT name FROM users WHERE id = '${id}'`);
}

export async function anyTyped(client: any, id: string) {
  // ruleid: no-unsafe-query
  return client.query(`SELECT name FROM users WHERE id = '${id}'`);
}

export async function typed(db: Database, id: string) {
  // ok: no-unsafe-query -- typed with a class of the project
  return db.query(`SELECT name FROM users WHERE id = '${id}'`);
}

export class Store {
  constructor(private readonly db: Database) {}

  byId(id: string) {
    // ok: no-unsafe-query -- a typed field
    return this.db.query(`SELECT name FROM users WHERE id = '${id}'`);
  }
}

interface Request {
  db: unknown;
}

export async function fromRequest(req: Request, id: string) {
  // ruleid: no-unsafe-query -- the type is the request's, not the client's
  return req.db.query(`SELECT name FROM users WHERE id = '${id}'`);
}
