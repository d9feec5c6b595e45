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

async function loadBlob(client, text) {
  // ok: no-unsafe-copy-from -- PGlite's virtual device: the blob passed with the call
  await client.query("COPY users FROM '/dev/blob'", [], { blob: new Blob([text]) });
}

module.exports.loadBlob = loadBlob;
