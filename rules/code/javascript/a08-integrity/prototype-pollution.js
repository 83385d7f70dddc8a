const _ = require('lodash');

app.post('/settings', (req, res) => {
  const settings = {};
  // ruleid: DSQ-JS-0010
  _.merge(settings, req.body);
  // ruleid: DSQ-JS-0010
  _.set(settings, req.query.path, req.query.value);
  // ok: DSQ-JS-0010
  _.merge(settings, { theme: 'dark' });
  // ok: DSQ-JS-0010
  _.set(settings, 'theme', req.body.theme);
  res.json(settings);
});
