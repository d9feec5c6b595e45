// PG102 prevent-double-release — releases guarded by a flag, and the callback form's done() on a failed checkout.
const { Pool } = require('pg');

const pool = new Pool();

async function guardedTwice() {
  const client = await pool.connect();
  let handedBack = false;
  try {
    await client.query('SELECT 1');
    if (!handedBack) {
      handedBack = true;
      client.release();
    }
  } finally {
    if (!handedBack) {
      handedBack = true;
      // ok: prevent-double-release
      client.release();
    }
  }
}

async function guardedOnObject(job) {
  const client = await pool.connect();
  if (!job.returned) {
    job.returned = true;
    client.release();
  }
  if (!job.returned) {
    job.returned = true;
    // ok: prevent-double-release
    client.release();
  }
}

async function guardNeverSet() {
  const client = await pool.connect();
  if (!client.gone) {
    client.release();
  }
  if (!client.gone) {
    // ruleid: prevent-double-release
    client.release();
  }
}

function doneTwiceOnFailure(cb) {
  pool.connect((err, client, done) => {
    if (err) {
      done(err);
    }
    // ruleid: prevent-double-release
    done();
    cb(null, client);
  });
}

function doneOnceOnFailure(cb) {
  pool.connect((err, client, done) => {
    if (err) {
      done(err);
      return cb(err);
    }
    client.query('SELECT 1', (qerr, res) => {
      // ok: prevent-double-release
      done();
      cb(qerr, res);
    });
  });
}

module.exports = { guardedTwice, guardedOnObject, guardNeverSet, doneTwiceOnFailure, doneOnceOnFailure };
