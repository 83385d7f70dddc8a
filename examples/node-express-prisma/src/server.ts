import express from 'express';
import { PrismaClient } from '@prisma/client';
import { redis } from './cache';

const prisma = new PrismaClient();
const app = express();
app.use(express.json());

app.get('/health', async (_req, res) => {
  await prisma.$queryRaw`SELECT 1`;
  res.json({ status: 'ok', redis: redis.status });
});

app.get('/invoices/:id', async (req, res) => {
  const key = `invoice:${req.params.id}`;
  const cached = await redis.get(key);
  if (cached) return res.json(JSON.parse(cached));
  const invoice = await prisma.invoice.findUnique({ where: { id: Number(req.params.id) } });
  if (!invoice) return res.sendStatus(404);
  await redis.set(key, JSON.stringify(invoice), 'EX', 30);
  return res.json(invoice);
});

const port = parseInt(process.env.PORT ?? '3000', 10);
app.listen(port, '0.0.0.0', () => console.log(`invoices listening on ${port}`));
