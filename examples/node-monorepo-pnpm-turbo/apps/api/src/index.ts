import express from 'express';
import { orderSchema } from '@acme/shared';

const app = express();
app.use(express.json());

app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});

app.post('/orders', (req, res) => {
  const parsed = orderSchema.safeParse(req.body);
  if (!parsed.success) return res.status(400).json(parsed.error.flatten());
  return res.status(201).json({ id: Date.now(), ...parsed.data });
});

const PORT = process.env.PORT || 4000;
app.listen(PORT, () => console.log(`api on ${PORT}`));
