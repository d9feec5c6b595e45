// PG201 — knex (TypeScript): raw() and the …Raw() builder methods send their text as written.
import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function byName(name: string) {
  // ruleid: no-unsafe-query
  await db.raw(`SELECT id FROM users WHERE name = '${name}'`);
  // ok: no-unsafe-query -- bindings
  await db.raw('SELECT id FROM users WHERE name = ?', [name]);
}

export async function filtered(name: string, order: string) {
  return db('users')
    .where('active', true)
    // ruleid: no-unsafe-query
    .whereRaw(`lower(name) = lower('${name}')`)
    // ok: no-unsafe-query -- an identifier binding
    .orderByRaw('?? desc', [order]);
}

export async function inTransaction(tag: string) {
  await db.transaction(async (trx) => {
    // ruleid: no-unsafe-query
    await trx.raw("DELETE FROM tags WHERE name = '" + tag + "'");
  });
}
