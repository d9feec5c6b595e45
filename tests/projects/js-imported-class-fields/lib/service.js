// Callers that never import a driver: the pool is a field of the imported class.
const { Database } = require('./db');

const db = new Database(process.env.DATABASE_URL);

async function purgeLeak(id) {
  // ruleid: no-missing-client-release
  const client = await db.pool.connect();
  await client.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  client.release();
}

async function purgeOk(id) {
  // ok: no-missing-client-release
  const client = await db.pool.connect();
  try {
    await client.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  } finally {
    client.release();
  }
}

class Jobs {
  constructor() {
    this.db = new Database(process.env.JOBS_URL);
  }

  async claimLeak() {
    // ruleid: no-missing-client-release
    const client = await this.db.pool.connect();
    await client.query('UPDATE jobs SET claimed = true WHERE id = (SELECT min(id) FROM jobs)');
    client.release();
  }
}

module.exports = { purgeLeak, purgeOk, Jobs };
