// PG204 no-unsafe-copy-from — code handed its client (no driver imported).
async function load(client) {
  // ruleid: no-unsafe-copy-from
  await client.query("COPY users FROM '/srv/import/users.csv' WITH (FORMAT csv)");
}

async function export_(client) {
  // ok: no-unsafe-copy-from
  await client.query('COPY users TO STDOUT');
}

module.exports = { load, export_ };
