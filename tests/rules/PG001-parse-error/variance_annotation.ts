// variance annotations (TypeScript 4.7): `out T`
import { Pool, PoolClient } from "pg";

// ruleid: parse-error
export interface Box<out T> { get(): T }

export class Repo {
  constructor(private pool: Pool) {}

  async find(id: number) {
    // ruleid: no-missing-client-release
    const client: PoolClient = await this.pool.connect();
    return client.query("SELECT name FROM users WHERE id = $1", [id]);
  }
}
