// PG201 — a query builder or ORM pglint does not model yet (drizzle-orm, knex, kysely, typeorm, …)
// is imported: a handle of unknown value may be its own (`db.execute(…)` of drizzle), whose raw-SQL
// methods pglint cannot judge, so it stays silent rather than guess (see docs/analysis.md).
import { sql } from 'drizzle-orm';

export async function revert(tx: any, checkpoint: string) {
  // ok: no-unsafe-query -- a drizzle handle is not read as a driver client (not modelled yet)
  await tx.execute(`DELETE FROM reorg WHERE checkpoint > '${checkpoint}'`);
  return sql`SELECT 1`;
}
