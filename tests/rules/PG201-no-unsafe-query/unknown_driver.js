// PG201 no-unsafe-query — code handed its client (no driver imported): `.query(sql, params)` on a
// receiver of unknown value whose text is PostgreSQL is a query of an unknown driver.
const db = require('./db');
const { GraphQLClient } = require('graphql-request');

async function findByName(client, name) {
  // ruleid: no-unsafe-query
  return client.query("SELECT id FROM users WHERE name = '" + name + "'");
}

async function findByEmail(email) {
  // ruleid: no-unsafe-query
  return db.query(`SELECT id FROM users WHERE email = '${email}'`);
}

async function parameterised(client, name) {
  // ok: no-unsafe-query
  return client.query('SELECT id FROM users WHERE name = $1', [name]);
}

async function notSql(client, name) {
  // ok: no-unsafe-query -- not SQL
  return client.query('query { user(name: "' + name + '") { id } }');
}

async function packageClient(name) {
  // ok: no-unsafe-query -- an object imported from a package that is not a driver
  return GraphQLClient.query("SELECT id FROM users WHERE name = '" + name + "'");
}

async function constructed(name) {
  const search = new Search();
  // ok: no-unsafe-query -- an object the code constructs
  return search.query("SELECT id FROM users WHERE name = '" + name + "'");
}

class Repo {
  query(text) {
    return text;
  }

  byName(name) {
    // ok: no-unsafe-query -- the class's own query method
    return this.query("SELECT id FROM users WHERE name = '" + name + "'");
  }
}

async function executeSpelling(conn, name) {
  // ruleid: no-unsafe-query -- `.execute(sql)` on a handle of unknown value is read like `.query`
  return conn.execute(`SELECT id FROM users WHERE name = '${name}'`);
}

async function executeParameterised(conn, name) {
  // ok: no-unsafe-query
  return conn.execute('SELECT id FROM users WHERE name = $1', [name]);
}

async function executeMysqlPlaceholders(conn, name, order) {
  // ok: no-unsafe-query -- `?` placeholders are not PostgreSQL's: another database's handle
  return conn.execute(`SELECT id FROM users WHERE name = ? ORDER BY ${order}`, [name]);
}

async function executeNotSql(shell, path) {
  // ok: no-unsafe-query -- not SQL: some other object's execute
  return shell.execute('rm -rf ' + path);
}

module.exports = { findByName, findByEmail, parameterised, notSql, packageClient, constructed, Repo,
  executeSpelling, executeParameterised, executeMysqlPlaceholders, executeNotSql };
