// keywords as names: an optional property `abstract?:`, a tuple label `unique:`, and a function
// type whose parameter is named after a type, `(string) => any` (a parameter `string` of type any)
import { Pool } from "pg";

const pool = new Pool();

export interface ModelOptions {
  // ok: parse-error
  abstract?: boolean;
  readonly?: boolean;
}

export type Relation = [name: string, unique: boolean];

export class Store {
  private timer: (string) => any;

  constructor(private mapRow: (any) => string = String) {
    this.timer = () => 0;
  }

  async find(id: number) {
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    return (await client.query("SELECT name FROM users WHERE id = $1", [id])).rows.map(this.mapRow);
  }
}
