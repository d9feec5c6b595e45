// Re-exports the whole db module.
module.exports = require('./db');
