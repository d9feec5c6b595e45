// Several pools exported as properties of module.exports.
const pg = require('pg');

const pool = new pg.Pool();
const reporting = new pg.Pool({ max: 2 });

module.exports = { pool, reporting };
module.exports.audit = new pg.Pool({ max: 1 });
