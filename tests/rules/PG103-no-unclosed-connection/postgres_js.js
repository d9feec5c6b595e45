// PG103 — postgres.js: postgres() makes a pool whose connections stay open until sql.end(). A
// module's instance is the application's pool; one made in a function that neither ends,
// returns nor stores it keeps its connections (and the process) alive.
const postgres = require('postgres');

// ok: no-unclosed-connection -- the module's instance lives as long as the process
const sql = postgres(process.env.DATABASE_URL);

async function countUsers(url) {
  // ruleid: no-unclosed-connection
  const once = postgres(url);
  const [{ n }] = await once`SELECT count(*) AS n FROM users`;
  return n;
}

async function countUsersAndEnd(url) {
  // ok: no-unclosed-connection
  const once = postgres(url);
  try {
    const [{ n }] = await once`SELECT count(*) AS n FROM users`;
    return n;
  } finally {
    await once.end();
  }
}

async function endedAfterSetup(url, log) {
  // ok: no-unclosed-connection -- nothing is open before the first query: a throw of log() leaks nothing
  const once = postgres(url);
  log('connecting');
  await once`SELECT 1`;
  await once.end();
}

function connect(url) {
  // ok: no-unclosed-connection -- returned to the caller
  return postgres(url, { max: 4 });
}

class Store {
  constructor(url) {
    // ok: no-unclosed-connection -- stored in the object
    this.sql = postgres(url);
  }
}

module.exports = { sql, countUsers, countUsersAndEnd, endedAfterSetup, connect, Store };
