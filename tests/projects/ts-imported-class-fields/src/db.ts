// The project's database class: its pool lives in a field (issue 12 fixture: fields of a
// class imported by other modules).
import { Pool } from 'pg';

export class Database {
  readonly pool: Pool;

  constructor(url: string) {
    this.pool = new Pool({ connectionString: url });
  }
}

export default class Replica {
  constructor(private readonly replica: Pool) {}
}
