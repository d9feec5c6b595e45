// PG403 no-batch-insert-loop — TypeScript handed its client (no driver imported).
export async function addAll(client: any, names: string[]) {
  for (const name of names) {
    // ruleid: no-batch-insert-loop
    await client.query('INSERT INTO users (name) VALUES ($1)', [name]);
  }
}

export async function typed(store: Store, names: string[]) {
  for (const name of names) {
    // ok: no-batch-insert-loop -- typed: the store's own query
    await store.query('INSERT INTO users (name) VALUES ($1)', [name]);
  }
}
