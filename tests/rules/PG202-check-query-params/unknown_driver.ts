// PG202 check-query-params — TypeScript handed its client (no driver imported).
export async function rename(client: any, id: number, name: string) {
  // ruleid: check-query-params
  await client.query('UPDATE users SET name = $2 WHERE id = $1', [name]);
}

export async function matching(client: any, id: number, name: string) {
  // ok: check-query-params
  await client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
}
