// PG403 no-batch-insert-loop — code handed its client (no driver imported).
async function addAll(client, names) {
  for (const name of names) {
    // ruleid: no-batch-insert-loop
    await client.query('INSERT INTO users (name) VALUES ($1)', [name]);
  }
}

async function addBatch(client, names) {
  // ok: no-batch-insert-loop
  await client.query('INSERT INTO users (name) SELECT * FROM unnest($1::text[])', [names]);
}

async function fetchAll(api, urls) {
  for (const url of urls) {
    // ok: no-batch-insert-loop -- not SQL
    await api.query(url, { method: 'POST' });
  }
}

module.exports = { addAll, addBatch, fetchAll };
