// PG101 — pg-promise: db.connect() checks a connection out of the pool until sco.done();
// the query methods of the database and db.task()/db.tx() give theirs back themselves.
const pgp = require('pg-promise')();

const db = pgp(process.env.DATABASE_URL);

async function listenForever(channel) {
  // ruleid: no-missing-client-release
  const sco = await db.connect();
  await sco.none('LISTEN $1:name', [channel]);
}

async function doneOnlyOnSuccess(id) {
  // ruleid: no-missing-client-release -- a failing query skips done()
  const sco = await db.connect();
  const row = await sco.one('SELECT name FROM users WHERE id = $1', [id]);
  sco.done();
  return row;
}

async function doneInFinally(id) {
  // ok: no-missing-client-release
  const sco = await db.connect();
  try {
    return await sco.one('SELECT name FROM users WHERE id = $1', [id]);
  } finally {
    sco.done();
  }
}

async function managedTask(id) {
  // ok: no-missing-client-release -- task() checks a connection out and gives it back
  return db.task('load-user', async (t) => {
    const user = await t.one('SELECT name FROM users WHERE id = $1', [id]);
    const roles = await t.any('SELECT role FROM roles WHERE user_id = $1', [id]);
    return { user, roles };
  });
}

async function managedTransaction(id, amount) {
  // ok: no-missing-client-release
  return db.tx(async (t) => {
    await t.none('UPDATE accounts SET balance = balance - $2 WHERE id = $1', [id, amount]);
    await t.none('INSERT INTO ledger (account_id, amount) VALUES ($1, $2)', [id, amount]);
  });
}

module.exports = { listenForever, doneOnlyOnSuccess, doneInFinally, managedTask, managedTransaction };
