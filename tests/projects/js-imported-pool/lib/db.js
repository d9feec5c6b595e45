// The application's pool, exported as the whole module (CommonJS).
const { Pool } = require('pg');

module.exports = new Pool({ max: 20 });
