const express = require('express');
const { Pool } = require('pg');
const { log } = require('@shop/common');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

app.get('/healthz', (_req, res) => res.send('ok'));

app.get('/users/:id', async (req, res) => {
  const { rows } = await pool.query('select id, email from users where id = $1', [req.params.id]);
  return rows[0] ? res.json(rows[0]) : res.sendStatus(404);
});

const port = process.env.PORT || 3001;
app.listen(port, () => log('users', 'listening', { port }));
