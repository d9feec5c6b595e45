// PG101 — knex (TypeScript): `await db.transaction()` without a handler must be committed or
// rolled back on every path; the handler form is managed.
import knex, { Knex } from 'knex';

const db: Knex = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function archive(id: number, force: boolean) {
  // ruleid: no-missing-client-release
  const trx = await db.transaction();
  await trx('posts').where({ id }).update({ archived: true });
  if (!force) {
    return false;
  }
  await trx.commit();
  return true;
}

export async function archiveAll(ids: number[]) {
  // ok: no-missing-client-release -- committed or rolled back on every path
  const trx = await db.transaction();
  try {
    await trx('posts').whereIn('id', ids).update({ archived: true });
    await trx.commit();
  } catch (err) {
    await trx.rollback();
    throw err;
  }
}

export async function managed(id: number) {
  // ok: no-missing-client-release -- the handler form is managed
  return db.transaction(async (trx) => {
    await trx('posts').where({ id }).del();
  });
}
