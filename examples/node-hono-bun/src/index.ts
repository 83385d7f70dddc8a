import { Hono } from 'hono';
import { find, save } from './store';

const app = new Hono();

app.get('/healthz', (c) => c.text('ok'));

app.post('/links', async (c) => {
  const { url } = await c.req.json<{ url: string }>();
  const code = crypto.randomUUID().slice(0, 8);
  save(code, url);
  return c.json({ code }, 201);
});

app.get('/:code', (c) => {
  const url = find(c.req.param('code'));
  return url ? c.redirect(url) : c.notFound();
});

export default {
  port: Number(Bun.env.PORT ?? 8787),
  fetch: app.fetch,
};
