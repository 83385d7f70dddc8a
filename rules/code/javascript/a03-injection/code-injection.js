const vm = require('vm');

app.post('/calc', (req, res) => {
  // ruleid: DSQ-JS-0004
  const result = eval(req.body.expression);
  // ok: DSQ-JS-0004
  const parsed = JSON.parse(req.body.data);
  const code = 'return ' + req.query.fn;
  // ruleid: DSQ-JS-0004
  const fn = new Function('x', code);
  // ruleid: DSQ-JS-0004
  vm.runInNewContext(req.body.script, {});
  // ok: DSQ-JS-0004
  eval('2 + 2');
  // ok: DSQ-JS-0004
  const n = eval(parseInt(req.query.n, 10));
  res.json({ result, parsed, fn, n });
});
