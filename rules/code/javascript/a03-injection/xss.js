const escapeHtml = require('escape-html');

app.get('/hello', (req, res) => {
  const name = req.query.name;
  // ruleid: DSQ-JS-0008
  res.send(`<h1>Hello ${name}</h1>`);
  // ok: DSQ-JS-0008
  res.send(`<h1>Hello ${escapeHtml(name)}</h1>`);
  // ok: DSQ-JS-0008
  res.json({ name });
  // ruleid: DSQ-JS-0008
  res.write('<p>' + req.body.comment + '</p>');
  // ok: DSQ-JS-0008
  res.send('<h1>Hello</h1>');
});

function showHash() {
  // ruleid: DSQ-JS-0008
  document.getElementById('out').innerHTML = location.hash.slice(1);
  // ok: DSQ-JS-0008
  document.getElementById('out').textContent = location.hash.slice(1);
}
