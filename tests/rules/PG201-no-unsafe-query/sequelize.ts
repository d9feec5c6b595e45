// PG201 — Sequelize (TypeScript): sequelize.query(text, options) sends `text` as written.
import { Sequelize, QueryTypes } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL as string);

export async function byName(name: string) {
  // ruleid: no-unsafe-query
  await sequelize.query(`SELECT id FROM users WHERE name = '${name}'`, { type: QueryTypes.SELECT });
  // ok: no-unsafe-query -- replacements
  await sequelize.query('SELECT id FROM users WHERE name = :name', { replacements: { name } });
  // ok: no-unsafe-query -- bind parameters
  return sequelize.query('SELECT id FROM users WHERE name = $1', { bind: [name] });
}

export class Stats {
  constructor(private readonly db: Sequelize) {}

  async count(table: string, kind: string) {
    // ruleid: no-unsafe-query -- a typed Sequelize field
    return this.db.query(`SELECT count(*) FROM events WHERE kind = '${kind}'`);
  }
}
