import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { config } from '../config.js';

export async function productRoutes(app: FastifyInstance, redis: Redis): Promise<void> {
  app.get<{ Params: { id: string } }>('/products/:id', async (req) => {
    const cached = await redis.get(`product:${req.params.id}`);
    if (cached) return JSON.parse(cached);
    const product = { id: req.params.id, name: `Product ${req.params.id}` };
    await redis.set(`product:${req.params.id}`, JSON.stringify(product), 'EX', config.cacheTtlSeconds);
    return product;
  });
}
