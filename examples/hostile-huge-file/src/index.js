const Koa = require('koa');

const app = new Koa();
app.use(async (ctx) => {
  ctx.body = ctx.path === '/health' ? { ok: true } : 'hello';
});
app.listen(process.env.PORT || 4000);
