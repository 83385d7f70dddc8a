const { Pool } = require('pg');

// One pool per process; the URL carries the credentials.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.PG_POOL_MAX || 10),
});

module.exports = { pool };
