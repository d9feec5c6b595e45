// PG202 — Sequelize: sequelize.query(text, options) takes its values in the options
// (`bind` for $1, `replacements` for :name and ?), which pglint does not count: not judged.
const { Sequelize } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

async function byName(name) {
  // ok: check-query-params -- bind parameters live in the options object
  await sequelize.query('SELECT id FROM users WHERE name = $1', { bind: [name] });
  // ok: check-query-params
  return sequelize.query('SELECT id FROM users WHERE name = :name', { replacements: { name } });
}

module.exports = { byName };
