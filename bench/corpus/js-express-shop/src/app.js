const express = require('express');
const helmet = require('helmet');
const fs = require('fs');
const path = require('path');
const { exec, execFile } = require('child_process');
const { pool, productsByCategory, productById, orderClause } = require('./db');

const app = express();
app.use(helmet());
app.use(express.json({ limit: '100kb' }));
const INVOICES = path.join(__dirname, '..', 'invoices');

app.get('/products', async (req, res) => {
  res.json(await productsByCategory(req.query.category));
});

app.get('/products/:id', async (req, res) => {
  res.json(await productById(req.params.id));
});

app.get('/sorted', async (req, res) => {
  const sort = req.query.sort;
  // ruleid: DSQ-JS-0001
  const [rows] = await pool.query('SELECT * FROM products ' + orderClause(sort));
  res.json(rows);
});

app.get('/invoice', (req, res) => {
  const file = req.query.file;
  // ruleid: DSQ-JS-0005
  fs.createReadStream(path.join(INVOICES, file)).pipe(res);
});

app.get('/invoice-safe', (req, res) => {
  // ok: DSQ-JS-0005
  res.sendFile(path.basename(String(req.query.file)), { root: INVOICES });
});

app.post('/thumbnail', (req, res) => {
  const { image } = req.body;
  // ruleid: DSQ-JS-0003
  exec(`convert ${image} -resize 64x64 thumb.png`, (err) => res.sendStatus(err ? 500 : 201));
});

app.post('/thumbnail-safe', (req, res) => {
  // ok: DSQ-JS-0003
  execFile('convert', [String(req.body.image), '-resize', '64x64', 'thumb.png'], (err) => res.sendStatus(err ? 500 : 201));
});

app.get('/search', (req, res) => {
  const q = req.query.q || '';
  // ruleid: DSQ-JS-0008
  res.send('<p>Results for ' + q + '</p>');
});

app.get('/go', (req, res) => {
  // ruleid: DSQ-JS-0007
  res.redirect(req.query.to);
});

app.get('/filter', (req, res) => {
  // ruleid: DSQ-JS-0011
  const matcher = new RegExp('^' + req.query.prefix);
  // ok: DSQ-JS-0011
  const literal = new RegExp('^sku-[0-9]+$');
  res.json({ ok: matcher.test('a') && literal.test('b') });
});

app.get('/price', async (req, res) => {
  // ruleid: DSQ-JS-0006
  const rate = await fetch(`${req.query.currencyApi}/rates`);
  // ok: DSQ-JS-0006
  const fixed = await fetch('https://rates.example.com/eur');
  res.json({ rate: await rate.json(), fixed: await fixed.json() });
});

app.post('/calc', (req, res) => {
  // ruleid: DSQ-JS-0004
  res.json({ total: eval(req.body.formula) });
});

module.exports = app;
