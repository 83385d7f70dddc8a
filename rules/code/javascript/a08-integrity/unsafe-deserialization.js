const serialize = require('node-serialize');

app.post('/profile', (req, res) => {
  const cookie = Buffer.from(req.cookies.profile, 'base64').toString();
  // ruleid: DSQ-JS-0013
  const profile = serialize.unserialize(cookie);
  // ok: DSQ-JS-0013
  const data = JSON.parse(cookie);
  res.json({ profile, data });
});
