const express = require('express');
const { pool } = require('./db');

const app = express();
app.use(express.json());

const logLevel = process.env.LOG_LEVEL || 'info';

app.get('/healthz', async (_req, res) => {
  try {
    await pool.query('select 1');
    res.json({ status: 'ok' });
  } catch (err) {
    res.status(503).json({ status: 'down', error: err.message });
  }
});

app.get('/notes', async (_req, res) => {
  const { rows } = await pool.query('select id, body, created_at from notes order by id desc limit 50');
  res.json(rows);
});

app.post('/notes', async (req, res) => {
  const { rows } = await pool.query('insert into notes (body) values ($1) returning id', [req.body.body]);
  res.status(201).json(rows[0]);
});

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  if (logLevel !== 'silent') console.log(`notes-api listening on ${port}`);
});

process.on('SIGTERM', () => server.close(() => pool.end()));
