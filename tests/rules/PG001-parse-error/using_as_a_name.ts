// `using` as a parameter, a variable and a spread: the grammar reads a `using` declaration
import { Pool } from "pg";

const pool = new Pool();

export function cloneWithTables(using: { tables: string[] }, tables: string[]) {
  // ok: parse-error
  return { ...using, tables: [...using.tables, ...tables] };
}

export class Index {
  config: { using?: string } = {};

  using(using: string): this {
    this.config.using = using;
    return this;
  }

  async create(name: string) {
    const using = this.config.using;
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    await client.query(`CREATE INDEX ${name} USING ${using}`);
  }
}
