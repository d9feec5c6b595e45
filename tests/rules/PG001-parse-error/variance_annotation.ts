// variance annotations (TypeScript 4.7) and const type parameters (5.0): `in T`, `out T`, `in out T`
import { Pool, PoolClient } from "pg";

// ok: parse-error
export interface Box<out T> { get(): T }
export interface Sink<in T> { put(value: T): void }

export class Repo<
  in out Row,
  out Key extends string = string,
> {
  constructor(private pool: Pool) {}

  async find<const K extends Key>(id: K): Promise<Row> {
    // ruleid: no-missing-client-release
    const client: PoolClient = await this.pool.connect();
    const { rows } = await client.query("SELECT name FROM users WHERE id = $1", [id]);
    return rows[0];
  }
}
