// PG201 no-unsafe-query — a file that imports a MySQL driver: a client it is handed may be MySQL's.
const mysql = require('mysql2');

const pool = mysql.createPool({ host: 'db' });

async function findByName(client, name) {
  // ok: no-unsafe-query -- another database's module is imported here
  return client.query("SELECT id FROM users WHERE name = '" + name + "'");
}

module.exports = { pool, findByName };
