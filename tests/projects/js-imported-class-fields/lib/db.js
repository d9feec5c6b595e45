// The project's database class (CommonJS): its pool lives in a field.
const { Pool } = require('pg');

class Database {
  constructor(url) {
    this.pool = new Pool({ connectionString: url });
  }
}

module.exports = { Database };
