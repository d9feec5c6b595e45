// PG201 no-unsafe-query — a hole glued into a name in a statement that does not parse, and
// text assembled in branches.
import { Client } from 'pg'

function indexClause(kind: string): string {
  return kind === 'gin' ? 'USING GIN' : ''
}

export async function createIndexes(client: Client, domain: string, keys: string[], kind: string) {
  for (const key of keys) {
    // ok: no-unsafe-query -- the statement does not parse; the hole is glued into the index name and follows ON
    await client.query(`CREATE INDEX ${domain}_${key} ON ${domain} ${indexClause(kind)} ("${key}")`)
  }
}

export async function joined(client: Client, condition: string, kind: string) {
  // ruleid: no-unsafe-query -- after a join's ON the hole is a condition, not a name
  await client.query(`SELECT * FROM a JOIN b ON ${condition} ${indexClause(kind)}`)
}

export async function quotedValue(client: Client, name: string, kind: string) {
  // ruleid: no-unsafe-query -- glued into a string literal: a value
  await client.query(`SELECT * FROM a WHERE n = 'x_${name}' ${indexClause(kind)}`)
}

export async function archived(client: Client, name: string, archive: boolean) {
  let table = name
  if (archive) {
    table = `archive_${name}`
  }
  // ok: no-unsafe-query -- a table name built in a branch
  await client.query(`SELECT count(*) FROM ${table}`)
}

export async function lookup(client: Client, key: string, byName: boolean) {
  let where = 'id = 1'
  if (byName) {
    where = `name = '${key}'`
  }
  // ruleid: no-unsafe-query -- a parameter inside a string literal in one branch
  await client.query(`SELECT * FROM users WHERE ${where}`)
}
