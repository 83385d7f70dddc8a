const mysql = require('mysql2/promise');

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

async function productsByCategory(category) {
  // ruleid: DSQ-JS-0001
  const [rows] = await pool.query(`SELECT * FROM products WHERE category = '${category}'`);
  return rows;
}

async function productById(id) {
  // ok: DSQ-JS-0001
  const [rows] = await pool.query('SELECT * FROM products WHERE id = ?', [id]);
  return rows[0];
}

function orderClause(column) {
  return 'ORDER BY ' + column;
}

module.exports = { pool, productsByCategory, productById, orderClause };
