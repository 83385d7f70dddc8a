const escapeStringRegexp = require('escape-string-regexp');

app.get('/search', (req, res) => {
  // ruleid: DSQ-JS-0011
  const re = new RegExp(req.query.q, 'i');
  // ok: DSQ-JS-0011
  const safe = new RegExp(escapeStringRegexp(req.query.q), 'i');
  // ok: DSQ-JS-0011
  const fixed = new RegExp('^[a-z]+$');
  res.json(items.filter((i) => re.test(i) || safe.test(i) || fixed.test(i)));
});
