// one method the grammar cannot read: the class's other methods are still analysed
import { Pool } from "pg";

export class Users {
  private pool = new Pool();

  label(a: string) {
    let using = "";
    // ruleid: parse-error
    using += a;
    return using;
  }

  async find(id: number) {
    // ruleid: no-missing-client-release
    const client = await this.pool.connect();
    return client.query("SELECT name FROM users WHERE id = $1", [id]);
  }
}
