// PG201 — pg-promise formats values into the text itself, escaped. The `:raw` / `^` modifiers
// splice a value as written, `:value` / `#` escaped but without quotes: a value there is SQL.
const pgp = require('pg-promise')();

const db = pgp(process.env.DATABASE_URL);

async function byName(name) {
  // ok: no-unsafe-query -- $1 is formatted as an escaped literal
  return db.any('SELECT id FROM users WHERE name = $1', [name]);
}

async function byNameBuilt(name) {
  // ruleid: no-unsafe-query
  return db.any("SELECT id FROM users WHERE name = '" + name + "'");
}

async function sorted(req) {
  // ruleid: no-unsafe-query -- :raw inserts the request's text as written
  return db.any('SELECT id FROM users ORDER BY $1:raw', [req.query.sort]);
}

async function sortedNamed(req) {
  // ruleid: no-unsafe-query -- ^ is :raw
  return db.any('SELECT id FROM users ORDER BY ${sort^}', { sort: req.query.sort });
}

async function sortedConstant() {
  // ok: no-unsafe-query -- a constant
  return db.any('SELECT id FROM users ORDER BY $1:raw', ['created_at DESC']);
}

async function openValue(limit) {
  // ruleid: no-unsafe-query -- :value has no quotes around it outside a literal
  return db.any('SELECT id FROM users LIMIT $1:value', [limit]);
}

async function openValueQuoted(term) {
  // ok: no-unsafe-query -- :value escaped inside a quoted literal
  return db.any("SELECT id FROM users WHERE name LIKE '%$1:value%'", [term]);
}

async function byColumn(column, value) {
  // ok: no-unsafe-query -- :name is an escaped identifier
  return db.any('SELECT id FROM users WHERE $1:name = $2', [column, value]);
}

async function formatted(req) {
  const text = pgp.as.format('SELECT id FROM users WHERE name = $1', [req.query.name]);
  // ok: no-unsafe-query -- as.format() escapes the value
  return db.any(text);
}

async function formattedRaw(req) {
  const text = pgp.as.format('SELECT id FROM users ORDER BY $1:raw', [req.query.sort]);
  // ruleid: no-unsafe-query -- as.format() with :raw spliced the value as written
  return db.any(text);
}

async function insideTask(name) {
  return db.task(async (t) => {
    // ruleid: no-unsafe-query
    await t.none("DELETE FROM users WHERE name = '" + name + "'");
  });
}

module.exports = { byName, byNameBuilt, sorted, sortedNamed, sortedConstant, openValue, openValueQuoted, byColumn,
  formatted, formattedRaw, insideTask };
