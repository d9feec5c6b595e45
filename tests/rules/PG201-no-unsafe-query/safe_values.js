// PG201 no-unsafe-query — where a hole sits and where its value comes from (issue 11, causes 4 and 5).
const { randomUUID } = require("node:crypto");
const pg = require("pg");

const pool = new pg.Pool();
const tables = ["session"];

class Store {
  constructor(schema) {
    this.pool = pool;
    this.schema = schema;
  }

  count() {
    // ok: no-unsafe-query -- the object's own configuration, in a schema-name position
    return this.pool.query(`select count(*) from ${this.schema}.jobs`);
  }

  byName(name) {
    // ruleid: no-unsafe-query -- a parameter in a value position
    return this.pool.query(`select id from ${this.schema}.jobs where name = '${name}'`);
  }
}

async function demo(pool, clientClient, timeoutMs, txLevel) {
  // ok: no-unsafe-query -- a number
  await client.query(`SET LOCAL statement_timeout = ${Number(timeoutMs)}`);
  // ok: no-unsafe-query -- a savepoint name from a number and a constant
  await client.query(`savepoint tx${txLevel === 0 ? "" : txLevel}`);
  // ok: no-unsafe-query -- an element of a constant array, in a table-name position
  await Promise.all(tables.map((t) => pool.query("DROP TABLE IF EXISTS " + t)));
  const name = `apptest_${randomUUID().replace(/-/g, "")}`;
  // ok: no-unsafe-query -- a generated name in a database-name position
  await pool.query(`CREATE DATABASE ${name}`);
  // ok: no-unsafe-query -- the environment is configuration
  await pool.query(`CREATE DATABASE copy TEMPLATE ${process.env.TEST_DB_TEMPLATE}`);
  client.release();
}

async function createIndex(config) {
  // ok: no-unsafe-query -- a type modifier is part of the type's name
  await pool.query(`CREATE INDEX ON items USING hnsw ((embedding::vector(${config.dimensions})) vector_l2_ops)`);
}

async function handler(req) {
  // ruleid: no-unsafe-query -- request data, even in a name position
  await pool.query(`SELECT id FROM users ORDER BY ${req.query.sort}`);
  const where = `name = '${req.query.name}'`;
  // ruleid: no-unsafe-query -- reported at each query, not once per query at the declaration
  await pool.query(`SELECT id FROM a WHERE ${where}`);
  // ruleid: no-unsafe-query
  await pool.query(`SELECT id FROM b WHERE ${where}`);
}

module.exports = { Store, demo, createIndex, handler };
