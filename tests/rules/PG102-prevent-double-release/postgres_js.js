// PG102 — postgres.js: reserved.release() puts the connection back in the pool's queue; a second
// release() puts it back again, possibly while another caller holds it (src/index.js reserve()).
const postgres = require('postgres');

const sql = postgres(process.env.DATABASE_URL);

async function releaseInTryAndFinally(id) {
  const reserved = await sql.reserve();
  try {
    await reserved`UPDATE jobs SET state = 'running' WHERE id = ${id}`;
    reserved.release();
  } finally {
    // ruleid: prevent-double-release
    reserved.release();
  }
}

async function releaseOnce(id) {
  const reserved = await sql.reserve();
  try {
    await reserved`UPDATE jobs SET state = 'running' WHERE id = ${id}`;
  } finally {
    // ok: prevent-double-release
    reserved.release();
  }
}

module.exports = { releaseInTryAndFinally, releaseOnce };
