// PG102 — pg-promise: a second sco.done() throws (lib/database.js done(): "Querying against a
// released or lost connection." once the context has no connection).
const pgp = require('pg-promise')();

const db = pgp(process.env.DATABASE_URL);

async function doneTwice(id) {
  const sco = await db.connect();
  try {
    await sco.none('UPDATE jobs SET state = $2 WHERE id = $1', [id, 'running']);
    sco.done();
  } finally {
    // ruleid: prevent-double-release
    sco.done();
  }
}

async function doneOnce(id) {
  const sco = await db.connect();
  try {
    await sco.none('UPDATE jobs SET state = $2 WHERE id = $1', [id, 'running']);
  } finally {
    // ok: prevent-double-release
    sco.done();
  }
}

module.exports = { doneTwice, doneOnce };
