const fs = require('fs');
const path = require('path');
const BASE = path.join(__dirname, 'uploads');

app.get('/file', (req, res) => {
  // ruleid: DSQ-JS-0005
  fs.readFile(path.join(BASE, req.query.name), (err, data) => res.send(data));
  // ok: DSQ-JS-0005
  fs.readFile(path.join(BASE, path.basename(req.query.name)), (err, data) => res.send(data));
  // ruleid: DSQ-JS-0005
  res.sendFile(`${BASE}/${req.params.file}`);
  // ok: DSQ-JS-0005
  res.sendFile(req.params.file, { root: BASE });
});

app.get('/download', (req, res) => {
  const target = path.resolve(BASE, req.query.file);
  if (!target.startsWith(BASE + path.sep)) return res.status(403).end();
  // ok: DSQ-JS-0005
  res.download(target);
});

app.post('/save', async (req, res) => {
  const name = req.body.name;
  // ruleid: DSQ-JS-0005
  await fs.promises.writeFile(BASE + '/' + name, req.body.content);
  // ok: DSQ-JS-0005
  fs.readFileSync(path.join(__dirname, 'config.json'));
  res.end();
});
