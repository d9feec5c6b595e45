// PG202 — knex: raw(text, bindings) uses knex's own `?` / `??` / `:name` bindings, not $n:
// pglint does not judge them.
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

async function byName(name) {
  // ok: check-query-params -- knex bindings
  return knex.raw('SELECT id FROM users WHERE name = ? AND deleted = ?', [name, false]);
}

module.exports = { byName };
