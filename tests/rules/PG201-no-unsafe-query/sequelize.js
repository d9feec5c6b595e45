// PG201 — Sequelize: sequelize.query(text, options) sends `text` as written; `replacements`
// (:name / ?) and `bind` ($1) are the parameterised forms.
const { Sequelize, QueryTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

async function byName(name) {
  // ruleid: no-unsafe-query
  await sequelize.query(`SELECT id FROM users WHERE name = '${name}'`, { type: QueryTypes.SELECT });
  // ok: no-unsafe-query -- replacements
  await sequelize.query('SELECT id FROM users WHERE name = :name', { replacements: { name } });
  // ok: no-unsafe-query -- bind parameters
  return sequelize.query('SELECT id FROM users WHERE name = $1', { bind: [name] });
}

async function inTransaction(tag) {
  await sequelize.transaction(async (t) => {
    // ruleid: no-unsafe-query
    await sequelize.query("DELETE FROM tags WHERE name = '" + tag + "'", { transaction: t });
  });
}

module.exports = { byName, inTransaction };
