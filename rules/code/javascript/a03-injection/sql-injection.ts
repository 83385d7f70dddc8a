import express from 'express';
import { pool, db } from './db';
const app = express();

app.get('/users', async (req, res) => {
  const id = req.query.id;
  // ruleid: DSQ-JS-0001
  const rows = await pool.query(`SELECT * FROM users WHERE id = ${id}`);
  // ok: DSQ-JS-0001
  const safe = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  const { name } = req.body;
  const sql = 'SELECT * FROM users WHERE name = \'' + name + '\'';
  // ruleid: DSQ-JS-0001
  db.query(sql, (err, r) => res.json(r));
  const n = parseInt(req.params.n, 10);
  // ok: DSQ-JS-0001
  db.query('SELECT * FROM t LIMIT ' + n);
  // ok: DSQ-JS-0001
  db.query(`SELECT * FROM t WHERE name = ${db.escape(name)}`);
  res.json({ rows, safe });
});

app.post('/search', (req, res) => {
  let term = req.body.term;
  term = Number(term);
  // ok: DSQ-JS-0001
  db.all('SELECT * FROM items WHERE price > ' + term);
  const order = req.query.order;
  if (!['asc', 'desc'].includes(order)) return res.status(400).end();
  // ok: DSQ-JS-0001
  db.all(`SELECT * FROM items ORDER BY price ${order}`);
  // ruleid: DSQ-JS-0001
  knex.raw(`SELECT * FROM items WHERE tag = '${req.query.tag}'`);
});

function findByName(name: string) {
  // ruleid: DSQ-JS-0001
  return db.query("SELECT * FROM users WHERE name = '" + name + "'");
}

app.get('/by-name', (req, res) => {
  res.json(findByName(req.query.name as string));
});

function constantQuery() {
  const table = 'users';
  // ok: DSQ-JS-0001
  return db.query('SELECT * FROM ' + table);
}
