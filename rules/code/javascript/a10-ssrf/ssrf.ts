import axios from 'axios';

export async function proxy(req, res) {
  const target = req.query.url;
  // ruleid: DSQ-JS-0006
  const r = await fetch(target);
  // ruleid: DSQ-JS-0006
  const a = await axios.get(`https://${req.body.host}/api/status`);
  // ok: DSQ-JS-0006
  const b = await axios.get('https://api.example.com/status', { params: { q: req.query.q } });
  // ok: DSQ-JS-0006
  const c = await fetch(`https://api.example.com/items/${encodeURIComponent(req.params.id)}`);
  const ALLOWED = new Set(['https://a.example.com', 'https://b.example.com']);
  if (!ALLOWED.has(target)) return res.status(400).end();
  // ok: DSQ-JS-0006
  const d = await fetch(target);
  res.json({ r, a, b, c, d });
}
