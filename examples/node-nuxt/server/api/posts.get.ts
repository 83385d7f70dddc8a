export default defineEventHandler(async () => {
  const base = process.env.CMS_URL ?? 'http://localhost:1337';
  const res = await fetch(`${base}/api/posts`);
  return res.ok ? res.json() : [];
});
