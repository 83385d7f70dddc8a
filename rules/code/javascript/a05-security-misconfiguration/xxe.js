const libxmljs = require('libxmljs');

app.post('/import', (req, res) => {
  // ruleid: DSQ-JS-0012
  const doc = libxmljs.parseXml(req.body, { noent: true });
  // ok: DSQ-JS-0012
  const safe = libxmljs.parseXml(req.body, { noent: false, nonet: true });
  // ok: DSQ-JS-0012
  const plain = libxmljs.parseXmlString(req.body);
  res.json({ doc, safe, plain });
});
