const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const { connect, Bookmark } = require('./lib/db');

const { PORT = 3001, SESSION_SECRET } = process.env;

const app = new Koa();
app.keys = [SESSION_SECRET];
const router = new Router();

router.get('/health', (ctx) => {
  ctx.body = { status: 'ok' };
});

router.get('/bookmarks', async (ctx) => {
  ctx.body = await Bookmark.find().limit(100);
});

router.post('/bookmarks', async (ctx) => {
  ctx.status = 201;
  ctx.body = await Bookmark.create(ctx.request.body);
});

app.use(bodyParser()).use(router.routes()).use(router.allowedMethods());

connect().then(() => {
  app.listen(PORT, () => console.log(`bookmarks on :${PORT}`));
});
