// PG202 check-query-params — code handed its client (no driver imported): `$n` placeholders.
async function rename(client, id, name) {
  // ruleid: check-query-params
  await client.query('UPDATE users SET name = $2 WHERE id = $1', [name]);
}

async function gap(client, id, name) {
  // ruleid: check-query-params
  await client.query('UPDATE users SET name = $3 WHERE id = $1', [id, name, null]);
}

async function matching(client, id, name) {
  // ok: check-query-params
  await client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
}

async function mysqlStyle(client, id) {
  // ok: check-query-params -- `?` is not PostgreSQL
  await client.query('SELECT name FROM users WHERE id = ?', [id, 2]);
}

module.exports = { rename, gap, matching, mysqlStyle };
