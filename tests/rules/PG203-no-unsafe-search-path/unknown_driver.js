// PG203 no-unsafe-search-path — code handed its client (no driver imported).
async function useSchema(client, schema) {
  // ruleid: no-unsafe-search-path
  await client.query(`SET search_path TO ${schema}`);
}

async function fixedSchema(client) {
  // ok: no-unsafe-search-path
  await client.query('SET search_path TO app, public');
}

module.exports = { useSchema, fixedSchema };
