import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { config } from './config.js';
import { productRoutes } from './routes/products.js';

const app = Fastify({ logger: true });
const redis = new Redis(config.redisUrl);

app.get('/health', async () => ({ status: 'ok', redis: redis.status }));
await productRoutes(app, redis);

try {
  await app.listen({ port: config.port, host: config.host });
} catch (err) {
  app.log.error(err);
  process.exit(1);
}
