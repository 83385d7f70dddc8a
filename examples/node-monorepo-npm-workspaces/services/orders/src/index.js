const express = require('express');
const { log } = require('@shop/common');

const USERS_API_URL = process.env.USERS_API_URL ?? 'http://localhost:3001';
const app = express();
app.use(express.json());

app.get('/health', (_req, res) => res.json({ status: 'ok' }));

app.post('/orders', async (req, res) => {
  const user = await fetch(`${USERS_API_URL}/users/${req.body.userId}`);
  if (!user.ok) return res.status(422).json({ error: 'unknown user' });
  log('orders', 'order accepted', { userId: req.body.userId });
  return res.status(201).json({ id: Date.now() });
});

const port = Number(process.env.PORT) || 3002;
app.listen(port, () => log('orders', 'listening', { port }));
