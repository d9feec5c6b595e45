// PG201 — knex: raw() and the …Raw() builder methods send their text as written; knex's own
// `?` (value) and `??` (identifier) bindings are the safe form.
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

async function byName(name) {
  // ruleid: no-unsafe-query
  await knex.raw(`SELECT id FROM users WHERE name = '${name}'`);
  // ok: no-unsafe-query -- bindings
  await knex.raw('SELECT id FROM users WHERE name = ?', [name]);
}

async function filtered(name, order) {
  return knex('users')
    .where('active', true)
    // ruleid: no-unsafe-query
    .whereRaw(`lower(name) = lower('${name}')`)
    // ok: no-unsafe-query -- an identifier binding
    .orderByRaw('?? desc', [order]);
}

async function inTransaction(tag) {
  await knex.transaction(async (trx) => {
    // ruleid: no-unsafe-query
    await trx.raw("DELETE FROM tags WHERE name = '" + tag + "'");
  });
}

module.exports = { byName, filtered, inTransaction };
