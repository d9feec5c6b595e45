// PG101 — knex: `await knex.transaction()` without a handler holds a connection until
// trx.commit() / trx.rollback(); with a handler, knex commits or rolls back itself.
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

async function archive(id, force) {
  // ruleid: no-missing-client-release
  const trx = await knex.transaction();
  await trx('posts').where({ id }).update({ archived: true });
  if (!force) {
    return false;
  }
  await trx.commit();
  return true;
}

async function archiveAll(ids) {
  // ok: no-missing-client-release -- committed or rolled back on every path
  const trx = await knex.transaction();
  try {
    await trx('posts').whereIn('id', ids).update({ archived: true });
    await trx.commit();
  } catch (err) {
    await trx.rollback();
    throw err;
  }
}

async function managed(id) {
  // ok: no-missing-client-release -- the handler form is managed
  return knex.transaction(async (trx) => {
    await trx('posts').where({ id }).del();
  });
}

module.exports = { archive, archiveAll, managed };
